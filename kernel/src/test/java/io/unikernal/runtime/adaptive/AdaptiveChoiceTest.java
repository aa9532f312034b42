package io.unikernal.runtime.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdaptiveChoiceTest {

    private static final long MS = 1_000_000;

    private static TargetStats target(String name) {
        return new TargetStats(name, 0.3, 3, 5_000 * MS);
    }

    private static double firstChoiceShare(AdaptiveChoice choice, int target, long now) {
        SplittableRandom random = new SplittableRandom(42);
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            if (choice.order(now, random)[0] == target) {
                hits++;
            }
        }
        return hits / 100_000.0;
    }

    @Test
    void targetsNotMeasuredYetShareTheTrafficEvenly() {
        AdaptiveChoice choice = new AdaptiveChoice(List.of(target("a"), target("b"), target("c")), 0.05);
        assertThat(choice.shares(0)).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(1e-9));
        assertThat(firstChoiceShare(choice, 1, 0)).isCloseTo(1 / 3.0, within(0.01));
    }

    @Test
    void aSlowTargetGetsAShareFallingWithTheSquareOfItsLatencyButNeverBelowExplore() {
        TargetStats fast = target("fast");
        TargetStats slow = target("slow");
        fast.success(MS); // score 2 ms
        slow.success(3 * MS); // score 4 ms: twice as slow, a quarter of the odds
        AdaptiveChoice choice = new AdaptiveChoice(List.of(fast, slow), 0.0);
        assertThat(choice.shares(0)[1]).isCloseTo(0.2, within(1e-9));
        assertThat(firstChoiceShare(choice, 1, 0)).isCloseTo(0.2, within(0.01));

        TargetStats crawling = target("crawling");
        crawling.success(199 * MS);
        AdaptiveChoice explored = new AdaptiveChoice(List.of(fast, crawling), 0.05);
        assertThat(explored.shares(0)[1]).as("the explore floor keeps it measured").isCloseTo(0.05, within(0.001));
    }

    @Test
    void theLatencyAverageFollowsTheNewestCallsByTheSmoothingWeight() {
        TargetStats t = target("t");
        t.success(10 * MS);
        t.success(20 * MS);
        assertThat(t.latencyNanos()).isCloseTo(13 * MS, within(1.0)); // 10 + 0.3 × (20 - 10)
        t.failure(0, false);
        assertThat(t.errorRate()).isCloseTo(0.3, within(1e-9));
        assertThat(t.latencyNanos()).as("a failure's time does not make a target look fast").isCloseTo(13 * MS,
                within(1.0));
    }

    @Test
    void failuresInARowTakeATargetOutUntilOneProbeAfterItsRest() {
        TargetStats a = target("a");
        TargetStats b = target("b");
        AdaptiveChoice choice = new AdaptiveChoice(List.of(a, b), 0.05);
        a.failure(0, false);
        a.failure(0, false);
        assertThat(a.up()).isTrue();
        a.failure(10 * MS, false);
        assertThat(a.up()).isFalse();
        assertThat(choice.order(11 * MS, () -> 0L)).as("out targets are tried last").containsExactly(1, 0);
        assertThat(choice.shares(11 * MS)).containsExactly(new double[] {0, 1}, within(1e-9));

        long rested = 10 * MS + 5_000 * MS;
        assertThat(a.available(rested)).isTrue();
        a.probingStarts();
        assertThat(a.available(rested)).as("one probe at a time").isFalse();
        a.success(MS);
        assertThat(a.up()).isTrue();
        assertThat(a.available(rested)).isTrue();
    }

    @Test
    void aBreakerRefusalTakesTheTargetOutAtOnce() {
        TargetStats a = target("a");
        a.failure(0, true);
        assertThat(a.up()).isFalse();
        assertThat(a.available(MS)).isFalse();
    }
}
