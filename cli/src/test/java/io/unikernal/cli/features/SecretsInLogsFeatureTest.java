package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.runtime.SecretMasker;
import io.unikernal.runtime.policy.ApiKeyStore;
import io.unikernal.testkit.http.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unikernal run} as a user starts it — its own JVM, the distribution's log4j2.xml — with a secret from the
 * secrets folder in a target URL, a database password from the environment, API keys, an Authorization header and a
 * cookie. Requests pass, are refused (wrong key), are invalid, and fail (target answers 500, target down); a log step
 * prints the headers (and, by mistake, the password). No secret, key or credential appears in any line the process
 * writes, in any HTTP error reply, or in any dead-letter record — and those lines, replies and records do exist, with
 * the masks where the values would have been. No credential header reaches the http-client target.
 */
class SecretsInLogsFeatureTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    private final String sig = "sig-" + token();
    private final String dbPassword = "pgpw-" + token();
    private final String apiKey = "key-" + token();
    private final String wrongKey = "wrong-" + token();
    private final String bearer = "tok-" + token();
    private final String session = "sess-" + token();

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** What the loopback target received: each request's query and its headers (names in lower case). */
    record Received(String path, String query, Map<String, List<String>> headers, String body) {
    }

    @Test
    void noSecretReachesALogLineAnErrorReplyOrADeadLetterRecord() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer peer = Http.loopbackServer();
        peer.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream().collect(
                    Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT), Map.Entry::getValue));
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    headers, body));
            if (exchange.getRequestURI().getPath().equals("/fail")) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            } else {
                Http.respondJson(exchange, 200, "{\"ok\": true}");
            }
        });
        peer.start();
        int port = Http.freePort();
        int down = Http.freePort();
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(secrets.resolve("peer-sig"), sig + "\n");
        Path parked = tmp.resolve("parked");
        Path udl = tmp.resolve("masked.udl.yaml");
        Files.writeString(udl, """
                udl: 8
                name: masked
                systems:
                  api:    {adapter: http, port: %d}
                  peer:   {adapter: http-client, url: "http://127.0.0.1:%d"}
                  down:   {adapter: http-client, url: "http://127.0.0.1:%d"}
                  db:     {adapter: postgres, url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres,
                           password: "${env:MASK_DB_PASSWORD}"}
                  audit:  {adapter: log, showHeaders: true}
                  parked: {adapter: file, directory: "%s"}
                schemas:
                  Order:
                    version: 1
                    fields:
                      id: {type: int, required: true}
                routes:
                  - name: order
                    from: {system: api, method: POST, path: /orders}
                    policy:
                      auth:
                        apiKeys: [{id: shop, sha256: "%s"}]
                    steps:
                      - log: "order arrived with ${headers}; db password ${env:MASK_DB_PASSWORD}"
                      - validate: Order
                      - to: audit
                      - to: {system: db, sql: "select 1 as ok"}
                      - to: {system: peer, path: "/echo?sig=${secret:peer-sig}"}
                    deadLetter: audit
                  - name: broken
                    from: {system: api, method: POST, path: /broken}
                    steps:
                      - log: "broken arrived with ${headers}"
                      - to: {system: peer, path: "/fail?sig=${secret:peer-sig}"}
                    deadLetter: parked
                  - name: unreachable
                    from: {system: api, method: POST, path: /down}
                    steps:
                      - to: {system: down, path: "/x?sig=${secret:peer-sig}"}
                """.formatted(port, peer.getAddress().getPort(), down, parked, ApiKeyStore.sha256Hex(apiKey)));

        List<String> replies = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        String output;
        try (CliProcess app = CliProcess.start(tmp, Map.of("MASK_DB_PASSWORD", dbPassword,
                "UNIKERNAL_SECRETS_DIR", secrets.toString()), "run", udl.toString())) {
            app.awaitServing(port);
            String[] credentials = {"Authorization", "Bearer " + bearer, "Cookie", "theme=dark; session=" + session};
            send(port, "/orders", "{\"id\": 1}", apiKey, credentials, statuses, replies);
            send(port, "/orders", "{\"id\": 2}", wrongKey, credentials, statuses, replies);
            send(port, "/orders", "{\"id\": \"not a number\"}", apiKey, credentials, statuses, replies);
            send(port, "/broken", "{\"id\": 4}", apiKey, credentials, statuses, replies);
            send(port, "/down", "{\"id\": 5}", apiKey, credentials, statuses, replies);
            app.close();
            output = app.output();
        } finally {
            peer.stop(0);
        }

        assertThat(statuses).containsExactly(200, 401, 400, 500, 500);
        System.out.println("what unikernal run wrote:\n" + output); // in the surefire report, to read on failure
        List<String> deadLetterFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(parked)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                deadLetterFiles.add(Files.readString(file));
            }
        }
        List<String> everything = new ArrayList<>(List.of(output));
        everything.addAll(replies);
        everything.addAll(deadLetterFiles);

        // nothing secret anywhere
        for (String secret : List.of(sig, dbPassword, apiKey, wrongKey, bearer, session)) {
            assertThat(everything).as("no trace of %s", secret).noneMatch(text -> text.contains(secret));
        }

        // ... and not because nothing was written: the lines, replies and records are there, masked
        List<String> lines = Arrays.asList(output.toLowerCase(java.util.Locale.ROOT).split("\\R"));
        assertThat(lines).filteredOn(l -> l.contains("order arrived with"))
                .as("the log step: the valid and the invalid order (the refused call never gets there)")
                .hasSize(2).allMatch(l -> l.contains("db password " + SecretMasker.MASK))
                .allMatch(l -> l.contains("authorization=" + SecretMasker.MASK))
                .allMatch(l -> l.contains("cookie=" + SecretMasker.MASK))
                .as("the auth policy removed the key header").noneMatch(l -> l.contains("x-api-key"));
        assertThat(lines).filteredOn(l -> l.contains("broken arrived with")).as("a route without auth keeps the key")
                .singleElement().asString().contains("x-api-key=" + SecretMasker.MASK)
                .contains("authorization=" + SecretMasker.MASK);
        assertThat(lines).filteredOn(l -> l.contains("refused: a valid api key is required")).hasSize(1);
        List<String> invalidRecord = lines.stream().filter(l -> l.contains(" u.m.audit - ")
                && l.contains("reason=")).toList();
        assertThat(invalidRecord).as("the invalid order's dead-letter record, logged with its headers")
                .singleElement().asString().contains("route=order").contains("headers: {")
                .doesNotContain("authorization").doesNotContain("cookie").doesNotContain("x-api-key");
        assertThat(lines).filteredOn(l -> l.contains("no deadletter on route unreachable")).hasSize(1);

        assertThat(deadLetterFiles).as("the 500 from the target, dead-lettered").singleElement().asString()
                .contains("\"route\":\"broken\"").contains("/fail?sig=" + SecretMasker.MASK)
                .contains("statusCode: 500").doesNotContainIgnoringCase("authorization");
        assertThat(replies.get(1)).contains("a valid API key is required");
        assertThat(replies.get(2)).contains("does not match schema Order");

        // the target saw the secret it is meant to get (so it was resolved and used), and no caller credential
        assertThat(received).extracting(Received::path).containsExactlyInAnyOrder("/echo", "/fail");
        for (Received request : received) {
            assertThat(request.query()).startsWith("sig=" + sig);
            assertThat(request.headers()).doesNotContainKeys("authorization", "cookie", "x-api-key");
            assertThat(request.headers().toString() + request.body()).doesNotContain(apiKey).doesNotContain(bearer)
                    .doesNotContain(session);
        }
    }

    private static void send(int port, String path, String json, String key, String[] headers, List<Integer> statuses,
            List<String> replies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("X-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        statuses.add(response.statusCode());
        replies.add(response.headers().map() + " " + response.body());
    }
}
