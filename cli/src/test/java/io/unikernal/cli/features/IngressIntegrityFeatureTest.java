package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a caller sends over HTTP is taken only as far as it is well-formed: the kernel's own headers cannot be
 * spoofed, bodies are strict UTF-8 JSON with unique keys, only JSON media types are read, numbers stay within the
 * documented limits, and every refusal answers in the one JSON error shape (docs/ingress.md).
 */
class IngressIntegrityFeatureTest {

    @TempDir
    Path tmp;

    private HttpServer peer;
    /** The headers each call to the peer carried, names in lower case. */
    private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = Http.loopbackServer();
        peer.createContext("/record", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    List.copyOf(values)));
            received.add(headers);
            Http.respondJson(exchange, 200, "{\"recorded\": true}");
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private String forwardingApp(int port) {
        return """
                udl: 8
                name: forwarder
                systems:
                  api:    {adapter: http, port: %d}
                  peer:   {adapter: http-client, url: "http://127.0.0.1:%d"}
                routes:
                  - name: forward
                    from: {system: api, method: POST, path: /forward}
                    steps:
                      - to: {system: peer, path: /record}
                """.formatted(port, peer.getAddress().getPort());
    }

    @Test
    void aCallerCannotSetTheHeadersTheKernelOwns() throws Exception {
        int port = Http.freePort();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("forwarder.udl.yaml", forwardingApp(port),
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    received.clear();
                    List<Object> seen = new ArrayList<>();
                    seen.add(Http.post(port, "/forward", "{\"n\": 1}", "UdmCaller", "admin", "udmcaller", "admin2",
                            "UDMSCHEMA", "orders", "UdmCreatedAt", "1999-01-01T00:00:00Z",
                            "UdmCorrelationId", "spoofed-1", "UdmSchemaVersion", "9", "UdmAnything", "x",
                            "X-Correlation-Id", "trace-42.a:b_c").status());
                    Map<String, List<String>> first = received.get(0);
                    seen.add(first.keySet().stream().filter(n -> n.startsWith("udm") && !n.equals("udmsource")
                            && !n.equals("udmcorrelationid") && !n.equals("udmcreatedat")).toList());
                    seen.add(first.get("x-correlation-id"));
                    seen.add(first.get("udmcorrelationid"));
                    seen.add(first.get("udmcreatedat").get(0).startsWith("1999"));
                    return seen;
                });
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess()).containsExactly(200, List.of(), List.of("trace-42.a:b_c"),
                List.of("trace-42.a:b_c"), false);
    }

    @Test
    void aMalformedCorrelationIdIsReplacedNotAdopted() throws Exception {
        int port = Http.freePort();
        String tooLong = "a".repeat(129);
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("forwarder.udl.yaml", forwardingApp(port),
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    received.clear();
                    List<Object> seen = new ArrayList<>();
                    for (String bad : List.of(tooLong, "<script>alert(1)</script>", "id with spaces", "-leading")) {
                        Http.post(port, "/forward", "{\"n\": 1}", "X-Correlation-Id", bad);
                        String forwarded = received.get(received.size() - 1).get("x-correlation-id").get(0);
                        seen.add(!forwarded.equals(bad) && forwarded.matches("[0-9a-f]{16}-[0-9a-f]+"));
                    }
                    seen.add(Http.post(port, "/forward", "{\"n\": 1}", "X-Correlation-Id", "a".repeat(128)).status());
                    seen.add(received.get(received.size() - 1).get("x-correlation-id").get(0).length());
                    return seen;
                });
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess()).containsExactly(true, true, true, true, 200, 128);
    }
}
