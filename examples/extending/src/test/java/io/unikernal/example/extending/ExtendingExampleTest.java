package io.unikernal.example.extending;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/extending.md: this module alone adds a step kind ({@code mask}, with a typed option and
 * a check with its own problem code) and a section kind ({@code heartbeats}); both run in process and from the
 * emitted YAML under plain Camel Main, with the same outcome.
 */
class ExtendingExampleTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    record Seen(int status, String reply, String heartbeat) {
    }

    @Test
    void theMaskStepAndTheHeartbeatsSectionRunBothWays() throws Exception {
        int port = freePort();
        Path beats = Files.createDirectories(tmp.resolve("beats"));
        String udl = """
                udl: 8
                name: cards
                systems:
                  api: {adapter: http, path: /cards}
                  monitor: {adapter: file, directory: "%s"}
                heartbeats:
                  - {name: alive, every: 200ms, to: monitor}
                routes:
                  - name: take-card
                    from: api
                    steps:
                      - mask: {fields: [card], keep: 4}
                """.formatted(beats.toString().replace("\\", "/"));

        TwoWayRun.Outcomes<Seen> outcomes = TwoWayRun.run("cards.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    clear(beats);
                    HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/cards"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"card\": \"4111111111111111\", \"holder\": \"Ann\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Path first = Awaitility.await().atMost(Duration.ofSeconds(20))
                            .until(() -> firstFile(beats), java.util.Objects::nonNull);
                    return new Seen(reply.statusCode(), reply.body(), Files.readString(first));
                });

        for (Seen run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            assertThat(run.status()).isEqualTo(200);
            assertThat(run.reply()).contains("\"card\":\"************1111\"").contains("\"holder\":\"Ann\"")
                    .doesNotContain("4111111111111111");
            assertThat(run.heartbeat()).contains("\"heartbeat\":\"alive\"");
        }
    }

    @Test
    void thePluginsChecksReportTheirOwnCodesAndTheDeclarationsRanges() {
        List<String> problems = new UdlParser(Adapters.installed()).parse("bad.udl.yaml", """
                udl: 8
                name: bad
                systems:
                  api: {adapter: http}
                  monitor: {adapter: log}
                heartbeats:
                  - {name: alive, to: monitor}
                  - {name: alive, to: nowhere}
                routes:
                  - name: r
                    from: api
                    steps:
                      - mask: {fields: [card, card], keep: 40}
                """).problems().stream().map(UdlError::headline).toList();

        assertThat(problems).containsExactlyInAnyOrder(
                "bad.udl.yaml:8:5: heartbeat 'alive' is declared twice (first on line 7) [HEARTBEAT-001]",
                "bad.udl.yaml:8:5: unknown system 'nowhere' [UDL-012]",
                "bad.udl.yaml:13:44: 'keep' must be between 0 and 16, not 40 [UDL-007]",
                "bad.udl.yaml:13:9: mask lists field 'card' twice [MASK-001]");
    }

    private static void clear(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static Path firstFile(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> f.toFile().length() > 0).findFirst().orElse(null);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
