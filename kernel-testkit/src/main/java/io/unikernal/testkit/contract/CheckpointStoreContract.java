package io.unikernal.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The semantics every {@link CheckpointStore} shares, written once: extend it and say how to open a store on a
 * namespace. Namespaces are unique per check, since real servers outlive the run.
 */
public abstract class CheckpointStoreContract {

    /** A store of {@code namespace}; two calls with one namespace see the same checkpoints. */
    protected abstract CheckpointStore store(String namespace) throws Exception;

    private static String namespace() {
        return "contract/" + UUID.randomUUID();
    }

    @Test
    void aSavedPositionIsReadBackAndReplacedWhole() throws Exception {
        CheckpointStore store = store(namespace());
        assertThat(store.position("orders")).isEmpty();
        store.save("orders", "cursor=41");
        store.save("orders", "cursor=42");
        assertThat(store.position("orders")).contains("cursor=42");
        store.remove("orders");
        assertThat(store.position("orders")).isEmpty();
    }

    @Test
    void namespacesAndNamesKeepTheirCheckpointsApart() throws Exception {
        String shared = namespace();
        CheckpointStore one = store(shared);
        CheckpointStore other = store(namespace());
        one.save("orders", "1");
        one.save("people", "2");
        assertThat(other.position("orders")).isEmpty();
        assertThat(store(shared).position("orders")).contains("1");
        assertThat(store(shared).position("people")).contains("2");
    }

    @Test
    void advanceMovesOnlyFromTheExpectedPosition() throws Exception {
        CheckpointStore store = store(namespace());
        assertThat(store.advance("orders", null, "10")).as("from nothing").isTrue();
        assertThat(store.advance("orders", null, "11")).as("from nothing, once saved").isFalse();
        assertThat(store.advance("orders", "9", "11")).as("from a stale position").isFalse();
        assertThat(store.advance("orders", "10", "11")).isTrue();
        assertThat(store.position("orders")).contains("11");
    }

    @Test
    void ofRunnersRacingFromOnePointExactlyOneMovesTheCheckpoint() throws Exception {
        String shared = namespace();
        store(shared).save("orders", "start");
        int runners = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        try {
            List<Future<Boolean>> moves = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                String next = "runner-" + i;
                CheckpointStore mine = store(shared);
                moves.add(pool.submit((Callable<Boolean>) () -> mine.advance("orders", "start", next)));
            }
            int moved = 0;
            for (Future<Boolean> move : moves) {
                moved += move.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(moved).isEqualTo(1);
            assertThat(store(shared).position("orders")).hasValueSatisfying(p -> assertThat(p).startsWith("runner-"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPositionTooLongToKeepWholeIsRefusedNotTruncated() throws Exception {
        CheckpointStore store = store(namespace());
        String tooLong = "x".repeat(CheckpointStore.MAX_POSITION_LENGTH + 1);
        assertThatThrownBy(() -> store.save("orders", tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + CheckpointStore.MAX_POSITION_LENGTH);
        String longest = "y".repeat(CheckpointStore.MAX_POSITION_LENGTH);
        store.save("orders", longest);
        assertThat(store.position("orders")).contains(longest);
    }
}
