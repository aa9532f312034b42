package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resilience example as its comments show it: API key and role on both routes, an adaptive choice between two
 * providers, a quorum fan-out over three. In process and from the compiled YAML, with the same outcome both ways.
 */
class ResilienceExampleTest {

    static final Path QUOTES = Path.of("resilience/quotes.udl.yaml");

    @TempDir
    Path tmp;

    /** What one run saw: the providers that answered the quotes, the refusals, the fan-out's replies. */
    record Seen(List<Object> providers, List<Integer> refusals, int fanOutStatus, Map<?, ?> fanOut) {
    }

    @Test
    void quotesNeedAKeyComeFromAProviderAndTheBestQuoteJoinsAQuorum() throws Exception {
        int port = QuickstartExampleTest.freePort();
        TwoWayRun.Outcomes<Seen> outcomes = TwoWayRun.run(QUOTES, Map.of("camel.server.port", String.valueOf(port)),
                tmp, app -> {
                    List<Object> providers = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        HttpResponse<String> reply = post(port, "/quote", "demo-key");
                        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
                        Map<?, ?> quote = StrictJson.read(reply.body(), Map.class);
                        assertThat(((Number) quote.get("price")).doubleValue())
                                .isEqualTo("eu".equals(quote.get("provider")) ? 125.0 : 150.0);
                        providers.add(quote.get("provider"));
                    }
                    List<Integer> refusals = List.of(post(port, "/quote", null).statusCode(),
                            post(port, "/quote", "wrong-key").statusCode(),
                            post(port, "/best-quote", null).statusCode());
                    HttpResponse<String> best = post(port, "/best-quote", "demo-key");
                    return new Seen(providers, refusals, best.statusCode(), StrictJson.read(best.body(), Map.class));
                });

        for (Seen run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            assertThat(run.providers()).hasSize(20).isSubsetOf("eu", "us");
            assertThat(run.refusals()).containsExactly(401, 401, 401);
            assertThat(run.fanOutStatus()).isEqualTo(200);
            Map<?, ?> replies = (Map<?, ?>) run.fanOut().get("replies");
            assertThat(replies.size()).as("a quorum of 2 of 3 providers").isBetween(2, 3);
            replies.forEach((provider, reply) -> assertThat(((Map<?, ?>) reply).get("provider")).isEqualTo(provider));
            assertThat((Map<?, ?>) run.fanOut().get("failed")).isEmpty();
        }
    }

    private static HttpResponse<String> post(int port, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 100}"));
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        return QuickstartExampleTest.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
