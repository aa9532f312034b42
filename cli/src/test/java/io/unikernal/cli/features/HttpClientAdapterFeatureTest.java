package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http-client against a real HTTP peer on loopback: the message goes out as JSON, the peer's JSON answer comes back,
 * the caller's credentials never reach the peer, and a failing peer sends the message to the dead-letter system.
 */
class HttpClientAdapterFeatureTest {

    @TempDir
    Path tmp;

    private HttpServer peer;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger brokenCalls = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void startPeer() throws Exception {
        peer = Http.loopbackServer();
        peer.createContext("/price", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("method", exchange.getRequestMethod(), "body", body,
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "apiKey", String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key")),
                    "cookie", String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")),
                    "correlation", String.valueOf(exchange.getRequestHeaders().getFirst("X-Correlation-Id"))));
            Http.respondJson(exchange, 200, "{\"price\": 42.5}");
        });
        peer.createContext("/broken", exchange -> {
            brokenCalls.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    @Test
    void callsThePeerWithJsonAndWithoutTheCallersCredentials() throws Exception {
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: pricing
                systems:
                  api:     {adapter: http, port: %d}
                  pricer:  {adapter: http-client, url: "http://127.0.0.1:%d"}
                  parked:  {adapter: file, directory: "%s"}
                routes:
                  - name: quote
                    from: {system: api, method: POST, path: /quote}
                    steps:
                      - to: {system: pricer, path: /price}
                  - name: quote-broken
                    from: {system: api, method: POST, path: /broken}
                    steps:
                      - to: {system: pricer, path: /broken}
                    deadLetter: parked
                """.formatted(port, peer.getAddress().getPort(), tmp.resolve("parked"));
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("pricing.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    received.clear();
                    List<Object> seen = new ArrayList<>();
                    seen.add(Http.post(port, "/quote", "{\"sku\":\"a\"}", "Authorization", "Bearer top-secret",
                            "X-Api-Key", "k-123", "Cookie", "session=1", "X-Correlation-Id", "corr-1"));
                    seen.add(List.copyOf(received));
                    brokenCalls.set(0);
                    seen.add(StepsFeatureTest.withoutCorrelationId(Http.post(port, "/broken", "{\"sku\":\"b\"}")));
                    seen.add(brokenCalls.get());
                    return seen;
                });

        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        List<Object> seen = outcomes.inProcess();
        assertThat(seen.get(0)).isEqualTo(new Http.Reply(200, Map.of("price", new java.math.BigDecimal("42.5"))));
        assertThat(seen.get(1)).isEqualTo(List.of(Map.of("method", "POST", "body", "{\"sku\":\"a\"}",
                "authorization", "null", "apiKey", "null", "cookie", "null", "correlation", "corr-1")));
        assertThat(seen.get(2)).as("a failing peer: 500 to the caller, message parked")
                .extracting(r -> ((Http.Reply) r).status()).isEqualTo(500);
        assertThat(seen.get(3)).as("the HTTP client does not retry a 503 on its own: retries are policy").isEqualTo(1);
        try (var files = java.nio.file.Files.list(tmp.resolve("parked"))) {
            List<String> parked = files.filter(p -> !p.getFileName().toString().startsWith(".")).map(p -> {
                try {
                    return java.nio.file.Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(parked).as("one dead-letter record per run").hasSize(2)
                    .allSatisfy(record -> assertThat(record).contains("\"route\":\"quote-broken\"")
                            .contains("503").contains("\"payload\":\"{\\\"sku\\\":\\\"b\\\"}\""));
        }
    }
}
