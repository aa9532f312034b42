package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.Observability;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.http.Http;
import io.unikernal.udl.parse.UdlParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code unikernal run} serves to operators: Prometheus metrics per route (counts, failures, timings) and the
 * health status, on a management port apart from the app's own.
 */
class ObservabilityFeatureTest {

    @Test
    void metricsCountEachRoutesMessagesFailuresDeadLettersAndRefusalsAndHealthIsUp() throws Exception {
        int port = Http.freePort();
        int management = port;

        String udl = """
                udl: 8
                name: observed
                systems:
                  api: {adapter: http, port: %d}
                  nowhere: {adapter: http-client, url: "http://127.0.0.1:%d"}
                schemas:
                  Greeting:
                    fields:
                      name: {type: string, required: true}
                routes:
                  - name: greet
                    from: {system: api, method: POST, path: /greet}
                    steps:
                      - validate: Greeting
                    reply: {body: "{'hello': name}"}
                  - name: limited
                    from: {system: api, method: POST, path: /limited}
                    policy:
                      rateLimit: {rate: 1/h, burst: 1}
                    reply: {status: 200}
                  - name: broken
                    from: {system: api, method: POST, path: /broken}
                    steps:
                      - to: nowhere
                """.formatted(port, Http.freePort());
        Adapters adapters = Adapters.installed();
        Map<String, String> overrides = new HashMap<>(Observability.properties("127.0.0.1", port));
        try (UdlRuntime app = UdlRuntime.start(new UdlCompiler(adapters).compile(
                new UdlParser(adapters).parse("observed.udl.yaml", udl).orThrow(), Path.of("."),
                CompileOptions.DEFAULT), overrides)) {
            for (int i = 0; i < 3; i++) {
                assertThat(Http.post(port, "/greet", "{\"name\": \"n" + i + "\"}").status()).isEqualTo(200);
            }
            assertThat(Http.post(port, "/greet", "{}").status()).isEqualTo(400);
            assertThat(Http.post(port, "/limited", "{}").status()).isEqualTo(200);
            assertThat(Http.post(port, "/limited", "{}").status()).isEqualTo(429);

            for (int i = 0; i < 2; i++) {
                assertThat(Http.post(port, "/broken", "{}").status()).as("nobody listens there").isEqualTo(500);
            }

            String metrics = get(management, Observability.METRICS_PATH);
            assertThat(metrics).as("every failed message is counted by route and cause (Camel counts them as handled)")
                    .containsPattern("unikernal_messages_dead_lettered_total\\{[^}]*cause=\"rejected\"[^}]*route=\"greet\"[^}]*} 1\\.0")
                    .containsPattern("unikernal_messages_dead_lettered_total\\{[^}]*cause=\"failed\"[^}]*route=\"broken\"[^}]*} 2\\.0");
            assertThat(metrics).as(metrics).containsPattern(
                    "camel_exchanges_total\\{[^}]*routeId=\"greet\"[^}]*} 4\\.0");
            assertThat(metrics).containsPattern("camel_exchanges_succeeded_total\\{[^}]*routeId=\"greet\"[^}]*} 4\\.0")
                    .as("a message that went to the dead-letter path was handled, so it counts as handled")
                    .containsPattern("camel_exchanges_failures_handled_total\\{[^}]*routeId=\"greet\"[^}]*} 1\\.0");
            assertThat(metrics).as("policy refusals are counted per route and status").containsPattern(
                    "unikernal_policy_refusals_total\\{[^}]*route=\"limited\"[^}]*status=\"429\"[^}]*} 1\\.0");
            assertThat(get(management, Observability.HEALTH_PATH)).contains("UP");
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
