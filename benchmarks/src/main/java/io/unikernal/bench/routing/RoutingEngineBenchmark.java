package io.unikernal.bench.routing;

import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingEngines;
import io.unikernal.routing.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Routing decisions, Rust vs its Java twin, on the same table and messages: one message per call
 * (throughput, and latency percentiles in sample mode) and 1024 per call. Decisions only — no Camel.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoutingEngineBenchmark {
    @Param({"rust", "java"})
    public String engine;

    private RoutingWorkload work;
    private RoutingEngine decider;
    private int[] out;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        work = new RoutingWorkload();
        decider = RoutingEngines.select(engine, Workload.BATCH).create(work.table);
        out = new int[RoutingWorkload.MESSAGES];
        int[] check = new int[RoutingWorkload.MESSAGES];
        // both engines must agree on this workload, or the comparison means nothing
        try (RoutingEngine reference = RoutingEngines.select("java", Workload.BATCH).create(work.table)) {
            reference.decideBatch(work.batch, check);
        }
        decider.decideBatch(work.batch, out);
        if (!java.util.Arrays.equals(out, check)) {
            throw new IllegalStateException(engine + " disagrees with the Java engine on the benchmark workload");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decider.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public int single() {
        int i = next++ & (RoutingWorkload.MESSAGES - 1);
        return decider.decide(work.messages[i]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int singleLatency() {
        int i = next++ & (RoutingWorkload.MESSAGES - 1);
        return decider.decide(work.messages[i]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(RoutingWorkload.MESSAGES)
    public int[] batch1024() {
        decider.decideBatch(work.batch, out);
        return out;
    }
}
