package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/graphql-orders against the machine's PostgreSQL, in process and from the compiled YAML, called over HTTP
 * by java.net.http as any GraphQL client would: orders placed by the mutation are read back by both queries from the
 * table, an unknown id is null, and an invalid order and a duplicate id are field errors (BAD_USER_INPUT) while a
 * sibling field of the same request resolves. The example's own files, with the port and a table of this run.
 */
class GraphqlOrdersExampleTest {

    private static final Path EXAMPLE = Path.of("graphql-orders");
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    Path tmp;

    private final String run = "uk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String table = "graphql_orders_" + run;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void dropTable() throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement s = c.createStatement()) {
            s.execute("drop table if exists " + table);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ordersArePlacedAndReadBackThroughGraphql() throws Exception {
        int port = FreePort.loopback();
        Files.copy(EXAMPLE.resolve("orders.graphqls"), tmp.resolve("orders.graphqls"));
        Files.writeString(tmp.resolve("orders.sql"), Files.readString(EXAMPLE.resolve("orders.sql"))
                .replace("graphql_orders (", table + " ("));
        Path udl = Files.writeString(tmp.resolve("orders.udl.yaml"), Files.readString(EXAMPLE.resolve(
                "orders.udl.yaml")).replace("port: 8080", "port: " + port).replace("graphql_orders", table)
                .replace("name: graphql-orders", "name: graphql-orders-" + run));

        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            String r = "-" + UUID.randomUUID().toString().substring(0, 6); // the table outlives the first run
            List<Object> seen = new ArrayList<>();
            Map<String, Object> placed = ask(port, "mutation Place($id: ID!, $amount: Float!) { placeOrder(id: $id,"
                    + " customer: \"Ada\", amount: $amount) { id customer amount } }",
                    Map.of("id", "a1" + r, "amount", 12.5));
            Map<String, Object> order = new LinkedHashMap<>((Map<String, Object>) ((Map<?, ?>) placed.get("data"))
                    .get("placeOrder"));
            order.put("id", String.valueOf(order.get("id")).replace(r, ""));
            seen.add(order);
            ask(port, "mutation { placeOrder(id: \"a2" + r + "\", customer: \"Ada\", amount: 40) { id } }", Map.of());
            Map<String, Object> read = ask(port, "query Read($id: ID!, $missing: ID!) { order(id: $id) { customer"
                    + " amount } none: order(id: $missing) { id } orders(customer: \"Ada\") { id amount } }",
                    Map.of("id", "a2" + r, "missing", "zz" + r));
            seen.add(((Map<?, ?>) read.get("data")).get("order"));
            seen.add(((Map<?, ?>) read.get("data")).get("none"));
            seen.add(((List<?>) ((Map<?, ?>) read.get("data")).get("orders")).stream()
                    .map(o -> String.valueOf(((Map<?, ?>) o).get("id"))).filter(id -> id.endsWith(r))
                    .map(id -> id.replace(r, "")).toList());

            Map<String, Object> refused = ask(port, "mutation { bad: placeOrder(id: \"b1" + r + "\", customer:"
                    + " \"Bob\", amount: -3) { id } again: placeOrder(id: \"a1" + r + "\", customer: \"Eve\","
                    + " amount: 1) { id } fine: placeOrder(id: \"c1" + r + "\", customer: \"Cy\", amount: 2) { id } }",
                    Map.of());
            Map<?, ?> data = (Map<?, ?>) refused.get("data");
            seen.add(data.get("bad") == null && data.get("again") == null);
            seen.add(String.valueOf(((Map<?, ?>) data.get("fine")).get("id")).replace(r, ""));
            List<String> errors = new ArrayList<>();
            for (Object error : (List<?>) refused.get("errors")) {
                Map<?, ?> e = (Map<?, ?>) error;
                errors.add(e.get("path") + " " + ((Map<?, ?>) e.get("extensions")).get("code"));
            }
            seen.add(errors.stream().sorted().toList());
            return seen;
        });
        assertThat(outcomes.inProcess()).containsExactly(
                Map.of("id", "a1", "customer", "Ada", "amount", new java.math.BigDecimal("12.5")),
                Map.of("customer", "Ada", "amount", new java.math.BigDecimal("40.0")), null, List.of("a1", "a2"),
                true, "c1", List.of("[again] BAD_USER_INPUT", "[bad] BAD_USER_INPUT"));
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ask(int port, String query, Map<String, Object> variables) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query);
        request.put("variables", variables);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(StrictJson.write(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StrictJson.read(response.body(), Map.class);
    }
}
