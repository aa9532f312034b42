package io.unikernal.bench.policy;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of a route's policy stack when nothing trips — API-key auth, a rate limit far above the load, a circuit
 * breaker, a timeout around the target call — against the same route without a policy, in one run, over
 * {@code direct:}. The target is {@code log}, whose adapter has no client timeout of its own, so a {@code timeout}
 * here is the breaker's time limiter on the app's shared pool (a thread hand-off per call). {@code goal} is the
 * issue's stack: auth + rate limit + breaker + retry (the kernel's breaker step, which the route's redelivery re-runs). Over HTTP, with a load generator in another process:
 * {@code benchmarks/bin/policy-http-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PolicyOverheadBenchmark {

    /** none, each part alone, the stack without and with the timeout, and the stack (with retry). */
    @Param({"none", "auth", "rateLimit", "breaker", "breakerWithTimeout", "retry", "breakerWithRetry",
        "fullWithoutTimeout", "full", "goal"})
    public String policy;

    private UdlRuntime app;
    private ProducerTemplate producer;
    private Endpoint in;
    private final Map<String, Object> body = Map.of("id", "o-1", "amount", 10L);

    static String udl(String variant, String keyHash) {
        String auth = "      auth: {apiKeys: [{id: bench, sha256: \"" + keyHash + "\"}]}\n";
        String rate = "      rateLimit: {rate: 1000000/s, burst: 1000000}\n";
        String breaker = "      circuitBreaker: {failureRate: 50, window: 100}\n";
        String timeout = "      timeout: 5s\n";
        String retry = "      retry: {attempts: 3, initial: 100ms, max: 2s}\n";
        String parts = switch (variant) {
            case "none" -> "";
            case "auth" -> auth;
            case "rateLimit" -> rate;
            case "breaker" -> breaker;
            case "breakerWithTimeout" -> breaker + timeout;
            case "retry" -> retry;
            case "breakerWithRetry" -> breaker + retry;
            case "fullWithoutTimeout" -> auth + rate + breaker;
            case "full" -> auth + rate + breaker + timeout;
            case "goal" -> auth + rate + breaker + retry;
            default -> throw new IllegalArgumentException(variant);
        };
        String policy = parts.isEmpty() ? "" : "    policy:\n" + parts;
        return """
                udl: 8
                name: overhead
                systems:
                  in:   {adapter: direct}
                  out:  {adapter: log, level: TRACE}
                routes:
                  - name: direct-route
                    from: in
                %s
                    steps:
                      - to: out
                """.formatted(policy);
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String hash = sha256("bench-key");
        Adapters adapters = Adapters.installed();
        app = UdlRuntime.start(new UdlCompiler(adapters).compile(
                new UdlParser(adapters).parse("overhead.udl.yaml", udl(policy, hash)).orThrow(),
                Path.of("."), CompileOptions.DEFAULT), Map.of());
        producer = app.context().createProducerTemplate();
        // resolved once: resolving the URI on every call would add the same cost to every variant and hide overhead
        in = app.context().getEndpoint("direct:in");
    }

    static String sha256(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        producer.close();
        app.close();
    }

    private long calls;
    private long cpuAtStart;

    /** The benchmark JVM's CPU time per call over each iteration (printed), which other load distorts less. */
    @Setup(Level.Iteration)
    public void startIteration() {
        calls = 0;
        cpuAtStart = processCpuNanos();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        if (calls > 0) {
            System.out.printf(" [cpu %s: %.3f us/call]", policy, (processCpuNanos() - cpuAtStart) / 1000.0 / calls);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Benchmark
    public Object overDirect() {
        calls++;
        return producer.requestBodyAndHeader(in, body, "X-Api-Key", "bench-key");
    }
}
