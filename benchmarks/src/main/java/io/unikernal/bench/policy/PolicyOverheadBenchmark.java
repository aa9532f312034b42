package io.unikernal.bench.policy;

import io.unikernal.adapter.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * breaker with a timeout around the target call — against the same route without a policy, in one run, over
 * {@code direct:} and over HTTP on loopback. (Retry is left out: a retry through a breaker is refused until it is
 * built, see docs/policies.md.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PolicyOverheadBenchmark {


    /** none, each part alone, or the full stack. */
    @Param({"none", "auth", "rateLimit", "breaker", "breakerWithTimeout", "full"})
    public String policy;

    private UdlRuntime app;
    private ProducerTemplate producer;
    private HttpClient http;
    private HttpRequest request;
    private final Map<String, Object> body = Map.of("id", "o-1", "amount", 10L);

    static String udl(int port, String variant, String keyHash) {
        String auth = "      auth: {apiKeys: [{id: bench, sha256: \"" + keyHash + "\"}]}\n";
        String rate = "      rateLimit: {rate: 1000000/s, burst: 1000000}\n";
        String breaker = "      circuitBreaker: {failureRate: 50, window: 100}\n";
        String timeout = "      timeout: 5s\n";
        String parts = switch (variant) {
            case "none" -> "";
            case "auth" -> auth;
            case "rateLimit" -> rate;
            case "breaker" -> breaker;
            case "breakerWithTimeout" -> breaker + timeout;
            case "full" -> auth + rate + breaker + timeout;
            default -> throw new IllegalArgumentException(variant);
        };
        String policy = parts.isEmpty() ? "" : "    policy:\n" + parts;
        return """
                udl: 8
                name: overhead
                systems:
                  in:   {adapter: direct}
                  api:  {adapter: http, port: %d}
                  out:  {adapter: log, level: TRACE}
                routes:
                  - name: direct-route
                    from: in
                %s
                    steps:
                      - to: out
                  - name: http-route
                    from: {system: api, method: POST, path: /orders}
                %s
                    steps:
                      - to: out
                """.formatted(port, policy, policy);
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        String hash = sha256("bench-key");
        Adapters adapters = Adapters.installed();
        app = UdlRuntime.start(new UdlCompiler(adapters).compile(
                new UdlParser(adapters).parse("overhead.udl.yaml", udl(port, policy, hash)).orThrow(),
                Path.of("."), CompileOptions.DEFAULT), Map.of());
        producer = app.context().createProducerTemplate();
        http = HttpClient.newHttpClient();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Content-Type", "application/json").header("X-Api-Key", "bench-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"o-1\",\"amount\":10}")).build();
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

    @Benchmark
    public Object overDirect() {
        return producer.requestBodyAndHeader("direct:in", body, "X-Api-Key", "bench-key");
    }

    @Benchmark
    public int overHttp() throws Exception {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        return response.statusCode();
    }
}
