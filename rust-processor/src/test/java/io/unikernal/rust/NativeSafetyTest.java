package io.unikernal.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingEngines;
import io.unikernal.routing.RoutingMessage;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.RuleTableCodec;
import io.unikernal.routing.RuleTableText;
import io.unikernal.routing.Workload;
import io.unikernal.routing.internal.JavaRoutingEngine;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed input gives exceptions, never a crash; handles survive misuse; memory stays flat. */
class NativeSafetyTest {
    private static final RuleTable TABLE = RuleTableText.parse(
            "when header.type == order and body.amount in 100..1000 then mid; when body.c.d glob \"x*\" then x; otherwise rest");

    @BeforeAll
    static void load() {
        NativeLibrary.ensureLoaded();
    }

    @Test
    void theLibraryLoadsFromTheJarPathAndServiceLoaderFindsRust() {
        assertThat(NativeLibrary.platform()).isEqualTo("linux-x86_64");
        assertThat(RoutingEngines.select("rust", Workload.BATCH).name()).isEqualTo("rust");
        assertThat(RoutingEngines.select("auto", Workload.BATCH).name()).isEqualTo("rust");
    }

    @Test
    void aPanicBecomesAJavaException() {
        assertThatThrownBy(NativeObject::panicForTest)
                .isInstanceOf(NativePanicException.class)
                .hasMessageContaining("deliberate panic");
        // and the library still works afterwards
        try (RustRoutingEngine e = new RustRoutingEngine(TABLE)) {
            assertThat(e.decide(RoutingMessage.of(Map.of("type", "order"), "{\"amount\":500}"))).isZero();
        }
    }

    @Test
    void closeTwiceIsSafeAndUseAfterCloseIsAnException() {
        RustRoutingEngine e = new RustRoutingEngine(TABLE);
        e.close();
        e.close();
        assertThatThrownBy(() -> e.decide(RoutingMessage.of(Map.of(), "{}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> e.decideBatch(new MessageBatch(1, 8), new int[1])).isInstanceOf(IllegalStateException.class);
        RustBatchExecutor x = new RustBatchExecutor(2);
        x.close();
        x.close();
        assertThat(x.isClosed()).isTrue();
    }

    @Test
    void malformedSpecsAreRejectedWithTheReason() {
        byte[] good = RuleTableCodec.encode(TABLE);
        assertThatThrownBy(() -> RustRoutingEngine.fromSpec(new byte[] {1, 2, 3}, TABLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        byte[] badVersion = good.clone();
        badVersion[4] = 9;
        assertThatThrownBy(() -> RustRoutingEngine.fromSpec(badVersion, TABLE)).hasMessageContaining("version 9");
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> RustRoutingEngine.fromSpec(trailing, TABLE)).hasMessageContaining("trailing");
    }

    @Test
    void randomlyMutatedSpecsNeverCrash() {
        byte[] good = RuleTableCodec.encode(TABLE);
        Random r = new Random(42);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] spec = good.clone();
            int flips = 1 + r.nextInt(4);
            for (int f = 0; f < flips; f++) {
                spec[r.nextInt(spec.length)] = (byte) r.nextInt(256);
            }
            if (r.nextInt(5) == 0) {
                spec = java.util.Arrays.copyOf(spec, r.nextInt(spec.length));
            }
            try (RustRoutingEngine e = RustRoutingEngine.fromSpec(spec, TABLE)) {
                e.decide(RoutingMessage.of(Map.of("type", "order"), "{\"amount\":500,\"c\":{\"d\":\"xy\"}}"));
                accepted++;
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(accepted).as("some mutations only change values and still load").isPositive();
    }

    @Test
    void randomMessageBytesGiveTheSameOutcomeInBothEngines() {
        Random r = new Random(7);
        try (RoutingEngine rust = new RustRoutingEngine(TABLE); RoutingEngine javaEngine = new JavaRoutingEngine(TABLE)) {
            byte[] valid = RoutingMessage.of(Map.of("type", "order"), "{\"amount\":500,\"c\":{\"d\":\"x\"}}").encoded();
            for (int i = 0; i < 50_000; i++) {
                byte[] m = valid.clone();
                for (int f = 0; f < 1 + r.nextInt(3); f++) {
                    m[r.nextInt(m.length)] = (byte) r.nextInt(256);
                }
                RoutingMessage msg = RoutingMessage.ofEncoded(m);
                String javaOutcome = outcome(() -> javaEngine.decide(msg));
                String rustOutcome = outcome(() -> rust.decide(msg));
                assertThat(rustOutcome).as("message %s", java.util.Arrays.toString(m)).isEqualTo(javaOutcome);
            }
        }
    }

    private static String outcome(java.util.function.IntSupplier decision) {
        try {
            return "decision " + decision.getAsInt();
        } catch (IllegalArgumentException e) {
            return "rejected";
        }
    }

    @Test
    void batchesWithLyingOffsetsAreRejected() {
        try (RoutingEngine rust = new RustRoutingEngine(TABLE)) {
            MessageBatch batch = new MessageBatch(2, 64).add(RoutingMessage.of(Map.of(), "{}"));
            batch.offsets().order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1 << 30);
            assertThatThrownBy(() -> rust.decideBatch(batch, new int[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed batch");
            assertThatThrownBy(() -> rust.decideBatch(new MessageBatch(1, 8).add(RoutingMessage.of(Map.of(), "{}")), new int[0]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMillionCreateCloseCyclesKeepResidentMemoryFlat() throws Exception {
        byte[] probe = RoutingMessage.of(Map.of("type", "order"), "{\"amount\":500}").encoded();
        RoutingMessage msg = RoutingMessage.ofEncoded(probe);
        // warm up until the JVM's own footprint (JIT, heap regions, malloc arenas) has settled
        cycles(1_000_000, msg);
        long before = residentKb();
        long heapBefore = Runtime.getRuntime().totalMemory() / 1024;
        cycles(1_000_000, msg);
        long after = residentKb();
        long heapAfter = Runtime.getRuntime().totalMemory() / 1024;
        System.out.printf("VmRSS before %d kB, after 1,000,000 create/decide/close cycles %d kB (growth %d kB; Java heap committed %d -> %d kB)%n",
                before, after, after - before, heapBefore, heapAfter);
        // a leak of even one 64-byte table per cycle would add ~60 MB
        assertThat(after - before).as("RSS growth in kB").isLessThan(16 * 1024);
    }

    private static final byte[] SPEC = RuleTableCodec.encode(TABLE);

    private static void cycles(int n, RoutingMessage msg) {
        for (int i = 0; i < n; i++) {
            // the spec is encoded once, so the Java heap stays quiet and RSS reflects native memory
            RustRoutingEngine e = RustRoutingEngine.fromSpec(SPEC, TABLE);
            if ((i & 1023) == 0) {
                assertThat(e.decide(msg)).isZero();
            }
            e.close();
        }
    }

    private static long residentKb() throws Exception {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

}
