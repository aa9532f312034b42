package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.testing.JsonComparison;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart as its README shows it, over real HTTP on loopback with its embedded database: run in process and
 * from the compiled YAML under plain Camel Main, with the same outcome both ways.
 */
class QuickstartExampleTest {

    static final Path QUICKSTART = Path.of("quickstart/orders.udl.yaml");
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    record Reply(int status, Object body) {
    }

    @Test
    void ordersAreValidatedPricedStoredAndListedAndRejectsAreKept() throws Exception {
        int port = freePort();
        TwoWayRun.Outcomes<List<Reply>> outcomes = TwoWayRun.run(QUICKSTART,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> scenario(port));

        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        List<Reply> seen = outcomes.inProcess();
        assertReply(seen.get(0), 201, Map.of("id", "o-1", "total", 120.0, "status", "accepted"));
        // a v1 order (customer_name) is migrated; express adds 5
        assertReply(seen.get(1), 201, Map.of("id", "o-2", "total", 2405.0, "status", "review"));
        assertThat(seen.get(2).status()).isEqualTo(400);
        assertThat(seen.get(2).body()).isEqualTo(Map.of("error", "the message does not match schema Order v2",
                "details", List.of("amount: must be >= 0, was -5", "customer: is required")));
        assertThat(seen.get(3).status()).isEqualTo(400);
        assertThat(((Map<?, ?>) seen.get(3).body()).get("error")).isEqualTo("the body is not valid JSON");
        assertThat(seen.get(4).status()).as("HTML form bodies are refused with the fix").isEqualTo(415);
        assertThat(seen.get(5)).as("a duplicate id is the caller's conflict: 409 naming the key, and it is kept")
                .isEqualTo(new Reply(409, Map.of("error", "a record with id o-1 already exists", "details", List.of())));
        assertReply(seen.get(6), 200, List.of(
                Map.of("id", "o-1", "customer", "Ada", "amount", 100, "total", 120, "status", "accepted"),
                Map.of("id", "o-2", "customer", "Grace", "amount", 2000, "total", 2405, "status", "review")));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rejects = (List<Map<String, Object>>) seen.get(7).body();
        assertThat(rejects).as("every refused or failed order is kept").hasSize(4);
        // the form-encoded body is consumed by the HTTP server's form decoder: the route saw an empty body
        assertThat(rejects).extracting(r -> r.get("payload")).containsExactly(
                "{\"id\": \"o-3\", \"amount\": -5}", "{\"id\": ", "",
                "{\"id\": \"o-1\", \"customer\": \"Ada\", \"amount\": 100}");
        assertThat(rejects).extracting(r -> r.get("reason")).element(0)
                .isEqualTo("the message does not match schema Order v2");
        assertThat(rejects).allSatisfy(r -> assertThat(r.get("route")).isEqualTo("create-order"));
    }

    /** JSON equality as a reader means it: 120, 120.0 and 120.00 are the same number. */
    private static void assertReply(Reply actual, int status, Object body) {
        assertThat(actual.status()).isEqualTo(status);
        assertThat(JsonComparison.differences(body, actual.body())).as(String.valueOf(actual.body())).isEmpty();
    }

    private List<Reply> scenario(int port) throws Exception {
        List<Reply> seen = new ArrayList<>();
        seen.add(post(port, "{\"id\": \"o-1\", \"customer\": \"Ada\", \"amount\": 100}", "application/json"));
        seen.add(post(port, "{\"id\": \"o-2\", \"customer_name\": \"Grace\", \"amount\": 2000, \"express\": true}",
                "application/json"));
        seen.add(post(port, "{\"id\": \"o-3\", \"amount\": -5}", "application/json"));
        seen.add(post(port, "{\"id\": ", "application/json"));
        seen.add(post(port, "{\"id\": \"o-4\"}", "application/x-www-form-urlencoded"));
        seen.add(post(port, "{\"id\": \"o-1\", \"customer\": \"Ada\", \"amount\": 100}", "application/json"));
        seen.add(get(port, "/orders"));
        seen.add(get(port, "/rejects"));
        return seen;
    }

    private static Reply post(int port, String body, String contentType) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Reply get(int port, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    private static Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        Object body = StrictJson.read(response.body(), Object.class);
        if (body instanceof Map<?, ?> map && map.containsKey("correlationId")) {
            // random per message, so the two runs cannot agree on it; it must be there on errors
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            assertThat(copy.remove("correlationId")).isNotNull();
            body = copy;
        }
        return new Reply(response.statusCode(), body);
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
