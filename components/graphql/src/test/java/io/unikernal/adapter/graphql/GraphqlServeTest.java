package io.unikernal.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GraphQL API served from an SDL file, called by java.net.http on loopback, in process and from the emitted Camel
 * YAML ({@link TwoWayRun}): fields resolved by routes, a mutation with variables, a route's validation failure and
 * failure as errors, an unserved field, and the refusals (depth bomb, complexity, malformed JSON, syntax error,
 * unknown field, introspection) that reach no route while the server goes on serving.
 */
@SuppressWarnings("unchecked")
class GraphqlServeTest {

    static final String SDL = """
            type Query {
              order(id: ID!): Order
              customer(name: String!): Customer
              broken: Order
              unserved: String
              tree: Node
            }
            type Mutation { placeOrder(input: OrderInput!): Order }
            input OrderInput { item: String!, qty: Int! }
            type Order { id: ID, item: String, total: Float, status: String }
            type Customer { name: String, tier: String }
            type Node { name: String, child: Node }
            """;

    @TempDir
    Path workDir;

    private String app(String name, int port, String systemExtra) throws Exception {
        Path sdl = Files.writeString(workDir.resolve("api.graphqls"), SDL);
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  api: {adapter: graphql, schema: " + sdl.toAbsolutePath() + ", port: " + port + systemExtra + "}\n"
                + "  seen: {adapter: contract-probe}\n"
                + "schemas:\n  CustomerQuery:\n    version: 1\n    fields:\n"
                + "      name: {type: string, required: true, pattern: \"^[A-Z][a-z]{2,}$\"}\n"
                + "routes:\n"
                + "  - name: order\n    from: {system: api, field: Query.order}\n    steps:\n"
                + "      - transform: {set: {total: \"10.5\", status: \"'open'\"}}\n      - to: seen\n"
                + "  - name: customer\n    from: {system: api, field: Query.customer}\n    steps:\n"
                + "      - validate: CustomerQuery\n      - transform: {set: {tier: \"'gold'\"}}\n      - to: seen\n"
                + "  - name: broken\n    from: {system: api, field: Query.broken}\n    steps:\n"
                + "      - transform: {set: {total: \"missing.amount * 2\"}}\n"
                + "  - name: tree\n    from: {system: api, field: Query.tree}\n    steps:\n"
                + "      - to: seen\n      - transform: {set: {name: \"'root'\"}}\n"
                + "  - name: place\n    from: {system: api, field: Mutation.placeOrder}\n    steps:\n"
                + "      - transform: {set: {id: \"'o-' + input.item\", item: \"input.item\","
                + " total: \"input.qty * 2.5\", status: \"'placed'\"}}\n      - to: seen\n";
    }

    private static String json(Object value) {
        return io.unikernal.runtime.StrictJson.write(value);
    }

    @Test
    void fieldsResolveThroughRoutesAndFailuresAreErrorsWithPaths() throws Exception {
        int port = FreePort.loopback();
        String name = "gql-" + UUID.randomUUID().toString().substring(0, 8);
        TwoWayRun.Outcomes<Boolean> runs = TwoWayRun.run(name + ".udl.yaml", app(name, port, ""),
                ProbeApps.with(new GraphqlAdapter()), Map.of(), workDir, app -> {
                    Probes.forget(name);
                    GraphqlClient client = new GraphqlClient(port, "/graphql");

                    GraphqlClient.Answer two = client.query(
                            "{ order(id: \"7\") { id total status } customer(name: \"Ada\") { name tier } }");
                    assertThat(two.status()).isEqualTo(200);
                    assertThat(two.errors()).isEmpty();
                    assertThat(json(two.data("order"))).isEqualTo("{\"id\":\"7\",\"total\":10.5,\"status\":\"open\"}");
                    assertThat(two.data("customer")).isEqualTo(Map.of("name", "Ada", "tier", "gold"));
                    assertThat(Probes.recorded(name, "seen")).hasSize(2);

                    GraphqlClient.Answer placed = client.query(
                            "mutation Place($in: OrderInput!) { placeOrder(input: $in) { id item total status } }",
                            Map.of("in", Map.of("item", "pear", "qty", 4)), "Place");
                    assertThat(placed.errors()).isEmpty();
                    assertThat(json(placed.data("placeOrder")))
                            .isEqualTo("{\"id\":\"o-pear\",\"item\":\"pear\",\"total\":10.0,\"status\":\"placed\"}");

                    GraphqlClient.Answer invalid = client.query("{ customer(name: \"Al\") { name } }");
                    assertThat(invalid.status()).isEqualTo(200);
                    assertThat(invalid.data("customer")).isNull();
                    Map<String, Object> violation = invalid.errors().get(0);
                    assertThat(violation.get("path")).isEqualTo(List.of("customer"));
                    assertThat(violation.get("locations")).isEqualTo(List.of(Map.of("line", 1L, "column", 3L)));
                    assertThat((String) violation.get("message")).contains("does not match schema CustomerQuery");
                    assertThat((Map<String, Object>) violation.get("extensions")).containsEntry("code", "BAD_USER_INPUT")
                            .containsKey("correlationId");
                    assertThat(String.valueOf(((Map<String, Object>) violation.get("extensions")).get("violations")))
                            .contains("name");

                    GraphqlClient.Answer broken = client.query("{ broken { id } order(id: \"8\") { id } }");
                    assertThat(broken.data("order")).as("the other field still resolves").isEqualTo(Map.of("id", "8"));
                    Map<String, Object> failure = broken.errors().get(0);
                    assertThat(failure.get("path")).isEqualTo(List.of("broken"));
                    assertThat((String) failure.get("message")).isEqualTo(
                            "the message could not be processed; it was written to the error log")
                            .doesNotContain("Exception");
                    assertThat((Map<String, Object>) failure.get("extensions")).containsEntry("code", "INTERNAL");

                    GraphqlClient.Answer unserved = client.query("{ unserved }");
                    assertThat(unserved.errors()).singleElement().satisfies(error -> {
                        assertThat(error.get("message")).isEqualTo("no route serves Query.unserved");
                        assertThat(error.get("path")).isEqualTo(List.of("unserved"));
                    });
                    return true;
                });
        assertThat(runs.inProcess()).isTrue();
        assertThat(runs.emitted()).isTrue();
    }

    @Test
    void refusedRequestsReachNoRouteAndTheServerGoesOnServing() throws Exception {
        int port = FreePort.loopback();
        String name = "gql-" + UUID.randomUUID().toString().substring(0, 8);
        TwoWayRun.Outcomes<Boolean> runs = TwoWayRun.run(name + ".udl.yaml", app(name, port, ", maxComplexity: 20"),
                ProbeApps.with(new GraphqlAdapter()), Map.of(), workDir, app -> {
                    Probes.forget(name);
                    GraphqlClient client = new GraphqlClient(port, "/graphql");

                    String bomb = "{ tree " + "{ child ".repeat(14) + "{ name }" + " }".repeat(14) + " }";
                    GraphqlClient.Answer deep = client.query(bomb);
                    assertThat(deep.status()).isEqualTo(200);
                    assertThat(deep.body().get("data")).isNull();
                    assertThat(deep.errors()).singleElement().satisfies(error ->
                            assertThat((String) error.get("message")).containsIgnoringCase("depth"));

                    String wide = "{ " + String.join(" ",
                            java.util.stream.IntStream.range(0, 12).mapToObj(i -> "o" + i + ": order(id: \"" + i
                                    + "\") { id status }").toList()) + " }";
                    GraphqlClient.Answer complex = client.query(wide);
                    assertThat(complex.body().get("data")).isNull();
                    assertThat(complex.errors()).singleElement().satisfies(error ->
                            assertThat((String) error.get("message")).containsIgnoringCase("complexity"));

                    GraphqlClient.Answer malformed = client.post("{\"query\": \"{ order(id: 1) { id } }\", oops",
                            "application/json");
                    assertThat(malformed.status()).isEqualTo(400);
                    assertThat(malformed.errors()).singleElement().satisfies(error ->
                            assertThat((String) error.get("message")).startsWith("the request body is not JSON"));

                    GraphqlClient.Answer notJson = client.post("{ order(id: 1) { id } }", "text/plain");
                    assertThat(notJson.status()).isEqualTo(400);

                    GraphqlClient.Answer syntax = client.query("{ order(id: \"1\") { id ");
                    assertThat(syntax.status()).isEqualTo(200);
                    assertThat(syntax.errors()).singleElement().satisfies(error -> {
                        assertThat((Map<String, Object>) error.get("extensions")).containsEntry("classification", "InvalidSyntax");
                        assertThat(error.get("locations")).isNotNull();
                    });

                    GraphqlClient.Answer unknown = client.query("{ order(id: \"1\") { id price } }");
                    assertThat(unknown.errors()).singleElement().satisfies(error -> {
                        assertThat((Map<String, Object>) error.get("extensions")).containsEntry("classification",
                                "ValidationError");
                        assertThat((String) error.get("message")).contains("price");
                    });

                    GraphqlClient.Answer introspection = client.query("{ __schema { queryType { name } } }");
                    assertThat(introspection.errors()).isNotEmpty();
                    assertThat(introspection.body().get("data")).isNull();

                    assertThat(Probes.recorded(name, "seen")).as("no refused request reached a route").isEmpty();
                    GraphqlClient.Answer after = client.query("{ order(id: \"9\") { id status } }");
                    assertThat(after.data("order")).isEqualTo(Map.of("id", "9", "status", "open"));
                    return true;
                });
        assertThat(runs.inProcess()).isTrue();
        assertThat(runs.emitted()).isTrue();
    }
}
