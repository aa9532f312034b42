package io.unikernal.rust;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.routing.Condition;
import io.unikernal.routing.ConditionKind;
import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingMessage;
import io.unikernal.routing.Rule;
import io.unikernal.routing.internal.JavaRoutingEngine;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The native engine and the Java engine decide the same target for every message of 100,000
 * random rule tables, one message at a time and in batches. Prints the generator's statistics.
 */
class EquivalenceProperties {
    static final int TRIES = 100_000;
    private static final Map<ConditionKind, AtomicLong> KINDS = new EnumMap<>(ConditionKind.class);
    private static final Map<String, AtomicLong> SIZES = new TreeMap<>();
    private static final Map<String, AtomicLong> OUTCOMES = new TreeMap<>();
    private static final AtomicLong TABLES = new AtomicLong();
    private static final AtomicLong MESSAGES = new AtomicLong();
    private static final AtomicLong WEIGHTED_RULES = new AtomicLong();
    private static final AtomicLong RULES = new AtomicLong();

    @BeforeContainer
    static void loadNative() {
        NativeLibrary.ensureLoaded();
        for (ConditionKind k : ConditionKind.values()) {
            KINDS.put(k, new AtomicLong());
        }
    }

    @Provide
    Arbitrary<RandomCases.Case> cases() {
        return Arbitraries.randomValue(RandomCases::next);
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void rustAndJavaPickTheSameTargets(@ForAll("cases") RandomCases.Case c) {
        try (RoutingEngine javaEngine = new JavaRoutingEngine(c.table()); RoutingEngine rustEngine = new RustRoutingEngine(c.table())) {
            MessageBatch batch = new MessageBatch(c.messages().size(), 256);
            int[] expected = new int[c.messages().size()];
            for (int i = 0; i < expected.length; i++) {
                RoutingMessage m = RoutingMessage.of(c.messages().get(i).headers(), c.messages().get(i).body());
                batch.add(m);
                expected[i] = javaEngine.decide(m);
                int native1 = rustEngine.decide(m);
                assertThat(native1).as("single decision for %s on %s", c.messages().get(i), c.table()).isEqualTo(expected[i]);
                count(OUTCOMES, expected[i] >= 0 ? "target" : expected[i] == RoutingEngine.NO_MATCH ? "no match" : "malformed body");
            }
            int[] jb = new int[expected.length];
            int[] rb = new int[expected.length];
            javaEngine.decideBatch(batch, jb);
            rustEngine.decideBatch(batch, rb);
            assertThat(jb).isEqualTo(expected);
            assertThat(rb).as("batch decisions on %s", c.table()).isEqualTo(expected);
        }
        record(c);
    }

    private static void record(RandomCases.Case c) {
        TABLES.incrementAndGet();
        MESSAGES.addAndGet(c.messages().size());
        int n = c.table().rules().size();
        count(SIZES, n == 0 ? "0 rules" : n <= 3 ? "1-3 rules" : n <= 10 ? "4-10 rules" : "11-49 rules");
        for (Rule r : c.table().rules()) {
            RULES.incrementAndGet();
            if (r.targets().size() > 1) {
                WEIGHTED_RULES.incrementAndGet();
            }
            for (Condition cond : r.conditions()) {
                KINDS.get(cond.kind()).incrementAndGet();
            }
        }
    }

    private static void count(Map<String, AtomicLong> map, String key) {
        synchronized (map) {
            map.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }
    }

    @AfterContainer
    static void printStatistics() {
        StringBuilder sb = new StringBuilder("\n== routing equivalence: generator statistics ==\n");
        sb.append(String.format("tables: %d, messages: %d (each decided single and batched by both engines)%n", TABLES.get(), MESSAGES.get()));
        sb.append(String.format("rules: %d, weighted (2-4 targets): %d (%.1f %%)%n", RULES.get(), WEIGHTED_RULES.get(), 100.0 * WEIGHTED_RULES.get() / Math.max(1, RULES.get())));
        long conds = KINDS.values().stream().mapToLong(AtomicLong::get).sum();
        sb.append("condition kinds:");
        KINDS.forEach((k, v) -> sb.append(String.format(" %s %.1f %%", k, 100.0 * v.get() / Math.max(1, conds))));
        sb.append(String.format(" (of %d)%n", conds));
        sb.append("table sizes:");
        SIZES.forEach((k, v) -> sb.append(String.format(" %s %.1f %%", k, 100.0 * v.get() / Math.max(1, TABLES.get()))));
        sb.append("\noutcomes:");
        OUTCOMES.forEach((k, v) -> sb.append(String.format(" %s %.1f %%", k, 100.0 * v.get() / Math.max(1, MESSAGES.get()))));
        sb.append('\n');
        System.out.println(sb);
        try {
            java.nio.file.Path out = java.nio.file.Path.of("target", "equivalence-stats.txt");
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.writeString(out, sb.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Random seeded(long seed) {
        return new Random(seed);
    }
}
