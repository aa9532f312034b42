package io.unikernal.bench.parallel;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parallel tasks of a few microseconds of CPU each: UDL's {@code split} with {@code parallel:} and {@code fanOut}
 * against a hand-written {@link ExecutorService} doing the same work with the same number of threads, in one run.
 * Scores are tasks/s ({@link OperationsPerInvocation}): a split op is {@value #ELEMENTS} elements, a fan-out op is
 * {@value #BRANCHES} branches. {@code inline} runs the same tasks on the caller's thread: the work alone.
 * Every task is {@link Blackhole#consumeCPU} of {@code tokens}, in a Camel route behind {@code direct:} for UDL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParallelTasksBenchmark {

    static final int ELEMENTS = 1000;
    static final int BRANCHES = 4;

    /** CPU per task: 2000 tokens are ~3-5 us on this machine (see the inline score). */
    @Param({"2000"})
    public long tokens;

    /** Threads of the split (parallel:) and of its hand-written pool. */
    @Param({"2"})
    public int threads;

    private UdlRuntime app;
    private ProducerTemplate producer;
    private Endpoint split;
    private Endpoint fanOut;
    private ExecutorService splitPool;
    private ExecutorService fanOutPool;
    private List<Integer> elements;

    static String udl(int threads) {
        return """
                udl: 8
                name: parallel
                systems:
                  split-in:  {adapter: direct}
                  fanout-in: {adapter: direct}
                  work:      {adapter: direct}
                  w1:        {adapter: direct}
                  w2:        {adapter: direct}
                  w3:        {adapter: direct}
                  w4:        {adapter: direct}
                routes:
                  - name: split-tasks
                    from: split-in
                    steps:
                      - split: {by: body, parallel: %d, steps: [{to: work}]}
                  - name: fanout-tasks
                    from: fanout-in
                    steps:
                      - fanOut: {to: [w1, w2, w3, w4], join: all}
                """.formatted(threads);
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Adapters adapters = Adapters.installed();
        app = UdlRuntime.start(new UdlCompiler(adapters).compile(
                new UdlParser(adapters).parse("parallel.udl.yaml", udl(threads)).orThrow(),
                Path.of("."), CompileOptions.DEFAULT), Map.of());
        long cpu = tokens;
        app.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the task: the same work the hand-written pool runs
                for (String name : List.of("work", "w1", "w2", "w3", "w4")) {
                    from("direct:" + name).process(exchange -> Blackhole.consumeCPU(cpu));
                }
            }
        });
        producer = app.context().createProducerTemplate();
        split = app.context().getEndpoint("direct:split-in");
        fanOut = app.context().getEndpoint("direct:fanout-in");
        splitPool = Executors.newFixedThreadPool(threads);
        fanOutPool = Executors.newFixedThreadPool(BRANCHES);
        elements = new ArrayList<>();
        for (int i = 0; i < ELEMENTS; i++) {
            elements.add(i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        splitPool.shutdownNow();
        fanOutPool.shutdownNow();
        producer.close();
        app.close();
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public Object udlSplit() {
        return producer.requestBody(split, elements);
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public Object handSplit() throws Exception {
        return runAll(splitPool, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(BRANCHES)
    public Object udlFanOut() {
        return producer.requestBody(fanOut, Map.of("id", "o-1"));
    }

    @Benchmark
    @OperationsPerInvocation(BRANCHES)
    public Object handFanOut() throws Exception {
        return runAll(fanOutPool, BRANCHES);
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public void inline() {
        for (int i = 0; i < ELEMENTS; i++) {
            Blackhole.consumeCPU(tokens);
        }
    }

    /** The hand-written equivalent: submit every task to the pool, wait for all (a failure would surface here). */
    private Object runAll(ExecutorService pool, int n) throws Exception {
        long cpu = tokens;
        List<Future<Integer>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int element = i;
            Callable<Integer> task = () -> {
                Blackhole.consumeCPU(cpu);
                return element;
            };
            futures.add(pool.submit(task));
        }
        int sum = 0;
        for (Future<Integer> f : futures) {
            sum += f.get();
        }
        return sum;
    }
}
