package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.testkit.http.Http;
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

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    /** A realistic ingress: a schema, validation, a transform and a PostgreSQL insert. */
    static String paymentsApp(int port, String table) {
        return """
                udl: 8
                name: payments
                systems:
                  api: {adapter: http, port: %d}
                  db:  {adapter: postgres, init: init.sql}
                schemas:
                  Payment:
                    version: 1
                    fields:
                      id:     {type: string, required: true}
                      amount: {type: decimal, required: true, min: 0}
                      qty:    {type: int, required: true}
                routes:
                  - name: pay
                    from: {system: api, method: POST, path: /pay}
                    steps:
                      - validate: Payment
                      - transform: {set: {note: "'paid ' + id"}}
                      - to: {system: db, sql: "insert into %s(id, amount, qty, note) values (:#id, :#amount, :#qty, :#note)"}
                    reply: {status: 201, body: "{'paid': id}"}
                """.formatted(port, table);
    }

    static String createTable(String table) {
        return "create table if not exists " + table + " (id text, amount numeric, qty bigint, note text);\n";
    }

    private static List<Object> rows(String table) throws Exception {
        List<Object> rows = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(PG_URL, "postgres", ""); var s = c.createStatement();
                var r = s.executeQuery("select id, amount from " + table + " order by id")) {
            while (r.next()) {
                rows.add(r.getString(1) + "=" + r.getBigDecimal(2).toPlainString());
            }
        }
        return rows;
    }

    static void sql(String statement) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(PG_URL, "postgres", ""); var s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The status and the first detail (or the error, when it has none) of a reply. */
    private static String answer(Http.Raw reply) {
        Object body = io.unikernal.runtime.StrictJson.read(reply.text(), Object.class);
        @SuppressWarnings("unchecked") Map<String, Object> error = (Map<String, Object>) body;
        assertThat(error).as(reply.text()).containsKeys("error", "details", "correlationId");
        List<?> details = (List<?>) error.get("details");
        return reply.status() + " " + (details.isEmpty() ? error.get("error") : details.get(0));
    }

    private Path writeApp(String udl) throws java.io.IOException {
        Path file = tmp.resolve("payments.udl.yaml");
        java.nio.file.Files.writeString(file, udl);
        return file;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final String[] JSON = {"Content-Type", "application/json"};

    @Test
    void malformedBodiesAndOutOfRangeNumbersAreRefusedWith400AndNothingIsStored() throws Exception {
        String table = "uk_ingress_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        java.nio.file.Files.writeString(tmp.resolve("init.sql"), createTable(table));
        int port = Http.freePort();
        try {
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(writeApp(paymentsApp(port, table)),
                    Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                        sql("delete from " + table);
                        List<Object> seen = new ArrayList<>();
                        seen.add(answer(Http.postRaw(port, "/pay", new byte[] {'{', '"', 'i', 'd', '"', ':', '"',
                                (byte) 0xc3, (byte) 0x28, '"', ',', '"', 'a', 'm', 'o', 'u', 'n', 't', '"', ':', '1', '}'},
                                JSON)));
                        seen.add(answer(Http.postRaw(port, "/pay",
                                utf8("{\"id\": \"dup\", \"amount\": -5, \"amount\": 1}"), JSON)));
                        for (String number : List.of("1e999999", "1E+999999999", "1e-999999")) {
                            seen.add(answer(Http.postRaw(port, "/pay",
                                    utf8("{\"id\": \"big\", \"amount\": " + number + ", \"qty\": 1}"), JSON)));
                        }
                        seen.add(answer(Http.postRaw(port, "/pay",
                                utf8("{\"id\": \"q\", \"amount\": 1, \"qty\": 99999999999999999999}"), JSON)));
                        seen.add(answer(Http.postRaw(port, "/pay",
                                utf8("{\"id\": \"q\", \"amount\": 1, \"qty\": 1e20}"), JSON)));
                        seen.add(Http.postRaw(port, "/pay", utf8("{\"id\": \"e3\", \"amount\": 1e3, \"qty\": 1}"), JSON).status());
                        seen.add(Http.postRaw(port, "/pay", utf8("{\"id\": \"e2\", \"amount\": 2.5E2, \"qty\": 1}"), JSON)
                                .status());
                        seen.add(rows(table));
                        return seen;
                    });
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
            String range = " is outside the supported range: a number may have up to 308 digits before the decimal"
                    + " point (|n| <= 1e308) and up to 1000 after it";
            assertThat(outcomes.inProcess()).containsExactly(
                    "400 Invalid UTF-8 middle byte 0x28 at line 1, column 10",
                    "400 Duplicate field 'amount' at line 1, column 37",
                    "400 amount: 1E+999999" + range, "400 amount: 1E+999999999" + range,
                    "400 amount: 1E-999999" + range,
                    "400 an integer beyond 64 bits at line 1, column 53 is outside -9223372036854775808.."
                            + "9223372036854775807; a decimal that large is written with a fraction or an exponent"
                            + " (e.g. 1.5e20)",
                    "400 qty: must be <= 9223372036854775807, was 1E+20",
                    201, 201, List.of("e2=250", "e3=1000"));
        } finally {
            sql("drop table if exists " + table);
        }
    }

    @Test
    void onlyJsonIsReadAndRefusalsNameJsonTypes() throws Exception {
        String table = "uk_ingress_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        java.nio.file.Files.writeString(tmp.resolve("init.sql"), createTable(table));
        int port = Http.freePort();
        try {
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(writeApp(paymentsApp(port, table)),
                    Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                        sql("delete from " + table);
                        List<Object> seen = new ArrayList<>();
                        byte[] valid = utf8("{\"id\": \"t\", \"amount\": 1}");
                        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                                "application/json; charset=iso-8859-1")) {
                            seen.add(answer(Http.postRaw(port, "/pay", valid, "Content-Type", type)));
                        }
                        seen.add(answer(Http.postRaw(port, "/pay", new byte[0], JSON)));
                        seen.add(answer(Http.postRaw(port, "/pay", utf8("[1, 2]"), JSON)));
                        seen.add(answer(Http.postRaw(port, "/pay", utf8("{\"id\": [], \"amount\": 1}"), JSON)));
                        seen.add(Http.postRaw(port, "/pay", utf8("{\"id\": \"none\", \"amount\": 2, \"qty\": 1}")).status());
                        seen.add(Http.postRaw(port, "/pay", utf8("{\"id\": \"vnd\", \"amount\": 3, \"qty\": 1}"),
                                "Content-Type", "application/vnd.api+json; charset=utf-8").status());
                        seen.add(rows(table));
                        return seen;
                    });
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
            String accepted = "; accepted: application/json or application/*+json (UTF-8) (with curl: -H"
                    + " 'Content-Type: application/json')";
            assertThat(outcomes.inProcess()).containsExactly(
                    "415 Content-Type was 'text/plain'" + accepted,
                    "415 Content-Type was 'application/xml'" + accepted,
                    "415 Content-Type was 'application/x-www-form-urlencoded'" + accepted,
                    "415 Content-Type was 'application/json; charset=iso-8859-1'" + accepted,
                    "400 the request had no body; send a JSON object with the fields of Payment",
                    "400 expected a JSON object, got an array",
                    "400 id: must be a string, was []",
                    201, 201, List.of("none=2", "vnd=3"));
        } finally {
            sql("drop table if exists " + table);
        }
    }

    @Test
    void aBodyOverTheLimitGets413InTheJsonErrorShapeAndEveryRefusalIsCounted() throws Exception {
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: limited
                systems:
                  api: {adapter: http, port: %d, maxBodyBytes: 1000}
                routes:
                  - name: take
                    from: {system: api, method: POST, path: /take}
                    steps:
                      - transform: {set: {taken: "true"}}
                """.formatted(port);
        Map<String, String> overrides = new java.util.HashMap<>(
                io.unikernal.runtime.Observability.properties("127.0.0.1", port));
        overrides.put("camel.server.port", String.valueOf(port));
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("limited.udl.yaml", udl, overrides, tmp, app -> {
            List<Object> seen = new ArrayList<>();
            String big = "{\"pad\": \"" + "x".repeat(5000) + "\"}";
            Http.Raw tooLarge = Http.postRaw(port, "/take", utf8(big), "Content-Type", "application/json",
                    "X-Correlation-Id", "big-1");
            seen.add(tooLarge.status() + " " + tooLarge.contentType());
            seen.add(io.unikernal.runtime.StrictJson.read(tooLarge.text(), Map.class));
            seen.add(Http.postRaw(port, "/take", utf8("{\"pad\": \"" + "x".repeat(900) + "\"}"), JSON).status());
            seen.add(answer(Http.postRaw(port, "/take", utf8("{}"), "Content-Type", "text/plain")));
            String metrics = Http.text(port, io.unikernal.runtime.Observability.METRICS_PATH);
            seen.add(java.util.regex.Pattern.compile(
                    "unikernal_ingress_refused_total\\{[^}]*route=\"take\"[^}]*status=\"(413|415)\"[^}]*} 1\\.0")
                    .matcher(metrics).results().map(m -> m.group(1)).sorted().toList());
            return seen;
        });
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess()).containsExactly("413 application/json",
                Map.of("error", "the request body is too large",
                        "details", List.of("the limit is 1000 bytes (the http system's maxBodyBytes)"),
                        "correlationId", "big-1"),
                200, "415 Content-Type was 'text/plain'; accepted: application/json or application/*+json (UTF-8)"
                        + " (with curl: -H 'Content-Type: application/json')",
                List.of("413", "415"));
    }

    @Test
    void aPathOrMethodNoRouteServesGets404Or405InTheJsonErrorShape() throws Exception {
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: paths
                systems:
                  api: {adapter: http, port: %d}
                routes:
                  - name: take
                    from: {system: api, method: POST, path: /take}
                    steps:
                      - transform: {set: {taken: "true"}}
                  - name: show
                    from: {system: api, method: GET, path: "/take/{id}"}
                    steps:
                      - transform: {set: {shown: "true"}}
                """.formatted(port);
        Map<String, String> overrides = new java.util.HashMap<>(
                io.unikernal.runtime.Observability.properties("127.0.0.1", port));
        overrides.put("camel.server.port", String.valueOf(port));
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("paths.udl.yaml", udl, overrides, tmp, app -> {
            List<Object> seen = new ArrayList<>();
            Http.Raw nowhere = Http.postRaw(port, "/nowhere", utf8("{}"), JSON);
            seen.add(nowhere.status() + " " + nowhere.contentType());
            seen.add(answer(nowhere));
            var wrongMethod = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/take/7"))
                    .header("X-Correlation-Id", "del-1").DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            seen.add(wrongMethod.statusCode() + " " + wrongMethod.headers().firstValue("Content-Type").orElse(null)
                    + " Allow: " + wrongMethod.headers().firstValue("Allow").orElse(null));
            seen.add(io.unikernal.runtime.StrictJson.read(wrongMethod.body(), Map.class));
            seen.add(Http.postRaw(port, "/take", utf8("{}"), JSON).status());
            seen.add(Http.get(port, "/take/7").status());
            // the app's own endpoints on the same listener are still served
            seen.add(Http.text(port, io.unikernal.runtime.Observability.METRICS_PATH)
                    .contains("unikernal_ingress_refused_total"));
            return seen;
        });
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess()).containsExactly("404 application/json",
                "404 no route serves POST /nowhere; check the path (a route's from.path is appended to its http"
                        + " system's path)",
                "405 application/json Allow: GET",
                Map.of("error", "the method is not allowed on this path",
                        "details", List.of("no route serves DELETE /take/7; see the Allow header for the methods"
                                + " served here"),
                        "correlationId", "del-1"),
                200, 200, true);
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
