package io.unikernal.bench.routing;

import io.unikernal.routing.FieldRef;
import io.unikernal.routing.exec.BatchExecutor;
import io.unikernal.routing.exec.JavaBatchExecutor;
import io.unikernal.routing.exec.ProjectedBodies;
import io.unikernal.routing.exec.Projection;
import io.unikernal.routing.exec.ValidationSchema;
import io.unikernal.routing.exec.ValueType;
import io.unikernal.rust.RustBatchExecutor;
import java.util.List;
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

/** The executor's batch operations, Rust vs Java, each on a fixed pool of 2 threads (this machine's cores). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExecutorBenchmark {
    @Param({"rust", "java"})
    public String engine;

    private RoutingWorkload work;
    private BatchExecutor executor;
    private final FieldRef key = FieldRef.header("id");
    private final Projection projection = Projection.of(List.of("id", "amount", "customer.tier"));
    private final ValidationSchema schema = ValidationSchema.builder()
            .field("id", ValueType.STRING, true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 16)
            .field("amount", ValueType.NUMBER, true, 0, 1e6, -1)
            .field("customer.tier", ValueType.STRING, true)
            .field("items", ValueType.ARRAY, false)
            .build();
    private int[] out;

    @Setup(Level.Trial)
    public void setUp() {
        work = new RoutingWorkload();
        executor = engine.equals("rust") ? new RustBatchExecutor(2) : new JavaBatchExecutor(2);
        out = new int[RoutingWorkload.MESSAGES];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    @Benchmark
    @OperationsPerInvocation(RoutingWorkload.MESSAGES)
    public int[] partition() {
        executor.partition(work.batch, key, 12, out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(RoutingWorkload.MESSAGES)
    public int[] validate() {
        executor.validate(work.batch, schema, out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(RoutingWorkload.MESSAGES)
    public ProjectedBodies project() {
        return executor.project(work.batch, projection);
    }
}
