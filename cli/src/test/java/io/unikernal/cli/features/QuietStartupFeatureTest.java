package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first commands on the quickstart print no warning: {@code unikernal compile} (which checks its output
 * against Camel's YAML DSL schema) and {@code unikernal run} serving the README's calls and stopping gracefully. A warning
 * the user can do nothing about teaches them to ignore warnings.
 */
class QuietStartupFeatureTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path QUICKSTART = Path.of("../examples/quickstart/orders.udl.yaml").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void compilingTheQuickstartWarnsOfNothing() throws Exception {
        try (CliProcess compile = CliProcess.start(tmp, Map.of(), "compile", QUICKSTART.toString(), "-o",
                tmp.resolve("out").toString())) {
            assertThat(compile.awaitExit()).as(compile.output()).isZero();
            assertThat(warnings(compile.output())).isEmpty();
        }
    }

    @Test
    void runningTheResilienceExampleWarnsOfNothing() throws Exception {
        int port = Http.freePort();
        String output;
        try (CliProcess run = CliProcess.start(tmp, Map.of(), "run", "-p", String.valueOf(port),
                QUICKSTART.resolveSibling("../resilience/quotes.udl.yaml").normalize().toString())) {
            run.awaitServing(port);
            for (String path : new String[] {"/quote", "/best-quote", "/quote"}) {
                CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .header("X-Api-Key", "demo-key").POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 100}"))
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
            CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding());
            run.close();
            output = run.output();
        }
        assertThat(output).contains("is running");
        assertThat(warnings(output)).isEmpty();
    }

    @Test
    void aRouteCallingOneTargetTwiceThroughBreakersWarnsOfNothingAndShowsBothBreakers() throws Exception {
        int port = Http.freePort();
        Path udl = tmp.resolve("twice.udl.yaml");
        java.nio.file.Files.writeString(udl, """
                udl: 8
                name: twice
                systems:
                  api:  {adapter: http, port: %d}
                  peer: {adapter: http-client, url: "http://127.0.0.1:%d"}
                routes:
                  - name: twice
                    from: {system: api, method: POST, path: /twice}
                    policy:
                      circuitBreaker: {window: 10}
                    steps:
                      - to: peer
                      - to: peer
                """.formatted(port, Http.freePort()));
        String output;
        String metrics;
        try (CliProcess run = CliProcess.start(tmp, Map.of(), "run", udl.toString())) {
            run.awaitServing(port);
            metrics = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            run.close();
            output = run.output();
        }
        assertThat(warnings(output)).isEmpty();
        assertThat(metrics).contains("unikernal_breaker_state{route=\"twice\",state=\"closed\",target=\"peer\"} 1.0",
                "unikernal_breaker_state{route=\"twice\",state=\"closed\",target=\"peer#2\"} 1.0");
    }

    @Test
    void runningTheQuickstartWarnsOfNothing() throws Exception {
        int port = Http.freePort();
        String output;
        try (CliProcess run = CliProcess.start(tmp, Map.of(), "run", "-p", String.valueOf(port),
                QUICKSTART.toString())) {
            run.awaitServing(port);
            // a valid order, an invalid one (dead-lettered), the stored orders and the metrics, as the README shows
            post(port, "/orders", "{\"id\": \"o-1\", \"customer\": \"Ada\", \"amount\": 100}");
            post(port, "/orders", "{\"id\": \"o-3\", \"amount\": -5}");
            for (String path : new String[] {"/orders", "/rejects", "/observe/metrics", "/observe/health"}) {
                CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding());
            }
            run.close();
            output = run.output();
        }
        assertThat(output).contains("is running").contains("  listening on http://127.0.0.1:" + port + "\n")
                .contains("  POST /orders  -> route create-order").contains("  GET /rejects  -> route list-rejects");
        // the invalid order is the one thing worth a warning: its dead letter, logged by the route's dead-letter logger
        assertThat(warnings(output)).singleElement().asString().contains(" u.d.create-order ")
                .contains("does not match schema Order").endsWith("kept in rejects");
    }

    private static void post(int port, String path, String json) throws Exception {
        CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** The lines logged at WARN (the distribution's pattern: time, level, logger, message). */
    private static java.util.List<String> warnings(String output) {
        return Arrays.stream(output.split("\\R")).filter(line -> line.matches("\\S+ WARN .*")).toList();
    }
}
