package io.unikernal.rust;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.routing.FieldRef;
import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.breaker.AtomicCircuitBreaker;
import io.unikernal.routing.breaker.BreakerConfig;
import io.unikernal.routing.exec.JavaBatchExecutor;
import io.unikernal.routing.exec.ProjectedBodies;
import io.unikernal.routing.exec.Projection;
import io.unikernal.routing.exec.ValidationSchema;
import io.unikernal.routing.exec.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;

/** The native executor, murmur2 and circuit breaker against their Java twins and against Kafka itself. */
class ExecutorEquivalenceProperties {
    private static JavaBatchExecutor javaExec;
    private static RustBatchExecutor rustExec;

    @BeforeContainer
    static void start() {
        javaExec = new JavaBatchExecutor(2);
        rustExec = new RustBatchExecutor(2);
    }

    @AfterContainer
    static void stop() {
        javaExec.close();
        rustExec.close();
    }

    @Property(tries = 20_000)
    void murmur2EqualsKafkas(@ForAll @Size(max = 300) byte[] key, @ForAll @IntRange(min = 1, max = 1000) int partitions) {
        assertThat(NativeObject.murmur2(key)).isEqualTo(Utils.murmur2(key));
        assertThat(io.unikernal.routing.internal.Murmur2.hash(key)).isEqualTo(Utils.murmur2(key));
        MessageBatch b = new MessageBatch(1, 64).add(java.util.Map.of("k", new String(key, StandardCharsets.ISO_8859_1)), new byte[0]);
        // header text is UTF-8 encoded, so compare on the bytes the batch really carries
        byte[] carried = new String(key, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        int[] out = new int[1];
        rustExec.partition(b, FieldRef.header("k"), partitions, out);
        assertThat(out[0]).isEqualTo(BuiltInPartitioner.partitionForKey(carried, partitions));
    }

    @Property(tries = 3_000)
    void executorOpsAgree(@ForAll long seed) {
        Random r = new Random(seed);
        int n = r.nextInt(4) == 0 ? 256 + r.nextInt(700) : 1 + r.nextInt(40);
        MessageBatch batch = new MessageBatch(n, n * 64);
        for (RandomCases.Message m : RandomCases.messages(r, n)) {
            batch.add(m.headers(), m.body().getBytes(StandardCharsets.UTF_8));
        }
        FieldRef key = RandomCases.field(r);
        int partitions = 1 + r.nextInt(64);
        int[] pj = new int[n];
        int[] pr = new int[n];
        javaExec.partition(batch, key, partitions, pj);
        rustExec.partition(batch, key, partitions, pr);
        assertThat(pr).isEqualTo(pj);

        Projection projection = Projection.of(projectionPaths(r));
        ProjectedBodies oj = javaExec.project(batch, projection);
        ProjectedBodies or = rustExec.project(batch, projection);
        assertThat(or.ends()).isEqualTo(oj.ends());
        for (int i = 0; i < n; i++) {
            assertThat(new String(or.body(i), StandardCharsets.UTF_8)).isEqualTo(new String(oj.body(i), StandardCharsets.UTF_8));
        }

        ValidationSchema schema = schema(r);
        int[] vj = new int[n];
        int[] vr = new int[n];
        javaExec.validate(batch, schema, vj);
        rustExec.validate(batch, schema, vr);
        assertThat(vr).isEqualTo(vj);
    }

    private static List<String> projectionPaths(Random r) {
        List<String> all = new ArrayList<>(List.of("a", "b", "amount", "c.d", "c.e", "deep.x.y"));
        java.util.Collections.shuffle(all, r);
        List<String> chosen = new ArrayList<>();
        for (String p : all.subList(0, 1 + r.nextInt(all.size()))) {
            boolean nested = chosen.stream().anyMatch(c -> p.startsWith(c + ".") || c.startsWith(p + "."));
            if (!nested) {
                chosen.add(p);
            }
        }
        return chosen;
    }

    private static ValidationSchema schema(Random r) {
        ValidationSchema.Builder b = ValidationSchema.builder();
        List<String> all = new ArrayList<>(List.of("a", "b", "amount", "c.d", "c.e", "deep.x.y", "c"));
        java.util.Collections.shuffle(all, r);
        for (String p : all.subList(0, 1 + r.nextInt(all.size()))) {
            ValueType t = ValueType.values()[r.nextInt(ValueType.values().length)];
            double min = r.nextBoolean() ? Double.NEGATIVE_INFINITY : r.nextInt(50) - 10;
            double max = r.nextBoolean() ? Double.POSITIVE_INFINITY : min + r.nextInt(100);
            if (Double.isInfinite(min) && !Double.isInfinite(max) && max < 0) {
                max = 0;
            }
            b.field(p, t, r.nextBoolean(), min, Math.max(min, max), r.nextBoolean() ? -1 : r.nextInt(6));
        }
        return b.build();
    }

    @Property(tries = 5_000)
    void circuitBreakersAgree(@ForAll long seed) {
        Random r = new Random(seed);
        BreakerConfig config = new BreakerConfig(1 + r.nextInt(100), 1 + r.nextInt(20), r.nextInt(2000), 1 + r.nextInt(3));
        AtomicCircuitBreaker j = new AtomicCircuitBreaker(config);
        try (RustCircuitBreaker n = new RustCircuitBreaker(config)) {
            long now = r.nextInt(1000);
            for (int step = 0; step < 200; step++) {
                now += r.nextInt(300);
                switch (r.nextInt(3)) {
                    case 0 -> assertThat(n.tryAcquire(now)).isEqualTo(j.tryAcquire(now));
                    case 1 -> {
                        n.onSuccess(now);
                        j.onSuccess(now);
                    }
                    default -> {
                        n.onFailure(now);
                        j.onFailure(now);
                    }
                }
                assertThat(n.state()).as("step %d", step).isEqualTo(j.state());
            }
        }
    }
}
