package io.unikernal.translate.graphql;

import static io.unikernal.translate.graphql.GraphqlCaller.answer;
import static io.unikernal.translate.graphql.GraphqlCaller.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GraphQL to REST end to end on loopback: a JDK HttpClient sends GraphQL requests to the translation of a UDL app,
 * whose fields are resolved by a real REST service that counts what it gets ({@link ShopRestService}); each scenario
 * runs in process and from the emitted Camel YAML under plain Camel Main ({@link TwoWayRun}) and must see the same.
 */
class GraphqlToRestTest {

    @TempDir
    Path workDir;
    private ShopRestService shop;
    private Path sdl;
    private int port;
    private String restUrl;
    private String timeout = "5s";

    @BeforeEach
    void start() throws Exception {
        sdl = workDir.resolve("shop.graphqls");
        Files.copy(Path.of("src/test/resources/graphql-rest/shop.graphqls"), sdl);
        shop = new ShopRestService();
        port = FreePort.loopback();
        restUrl = shop.url();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private String app(String name) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  api: {adapter: http, port: " + port + "}\n"
                + "  shop: {adapter: http-client, url: \"" + restUrl + "\"}\n"
                + "translations:\n  - name: shop-graphql\n"
                + "    expose: {system: api, protocol: graphql, path: /graphql}\n"
                + "    target: {system: shop}\n"
                + "    sdl: \"" + sdl + "\"\n"
                + "    maxDepth: 5\n    maxComplexity: 40\n    timeout: " + timeout + "\n"
                + "    resolve:\n"
                + "      Query.user: \"GET /users/{id}\"\n"
                + "      Query.users: \"GET /users\"\n"
                + "      Mutation.createUser: \"POST /users\"\n"
                + "      User.orders: \"GET /users/{parent.id}/orders\"\n"
                + "      User.friends: \"GET /users/{parent.id}/friends\"\n";
    }

    private <T> T bothWays(TwoWayRun.Scenario<T> scenario) throws Exception {
        String name = "upt-" + UUID.randomUUID().toString().substring(0, 8);
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run(name + ".udl.yaml", app(name), Map.of(), workDir, app -> {
            shop.calls.clear();
            return scenario.run(app);
        });
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        return GraphqlCaller.send(port, "POST", "/graphql", "application/json", body, headers);
    }

    private List<String> restCalls() {
        return shop.calls.stream().map(ShopRestService.Call::line).sorted().toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void nestedTypesListsEnumsAndInputsResolveWithEqualCallsMadeOnce() throws Exception {
        String shopQuery = """
                query Shop($id: ID!) {
                  a: user(id: $id) { id name role tags address { city } orders { id total lines { sku quantity } } }
                  b: user(id: $id) { name orders { id } }
                  admins: users(role: ADMIN, tags: ["x", "y z"]) { id orders { id } }
                }""";
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(answer(post(query(shopQuery, Map.of("id", "1")), "X-Correlation-Id", "corr-gql-1",
                    "Authorization", "Bearer caller-secret")));
            out.add(restCalls());
            out.add(shop.calls.stream().map(c -> c.correlationId() + " " + c.authorization()).distinct().toList());
            shop.calls.clear();
            // application/graphql: the body is the document; two equal writes are two calls
            out.add(answer(GraphqlCaller.send(port, "POST", "/graphql", "application/graphql", """
                    mutation {
                      x: createUser(input: {name: "Cy", role: MEMBER, tags: ["n"], address: {city: "Oslo"}}) {
                        id name role tags address { city } }
                      y: createUser(input: {name: "Cy", role: MEMBER, tags: ["n"], address: {city: "Oslo"}}) { id }
                    }""")));
            out.add(shop.calls.stream().map(c -> c.line() + " " + c.body()).toList());
            out.add(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class)));
            return out;
        });
        Map<?, ?> first = (Map<?, ?>) seen.get(0);
        assertThat(first.get("status")).isEqualTo(200);
        Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) first.get("body")).get("data");
        assertThat(((Map<?, ?>) first.get("body")).containsKey("errors")).isFalse();
        assertThat(data.get("a")).isEqualTo(StrictJson.read("""
                {"id": "1", "name": "Ada", "role": "ADMIN", "tags": ["x", "y"], "address": {"city": "Paris"},
                 "orders": [{"id": "o-1", "total": 9.5, "lines": [{"sku": "s-1", "quantity": 2}]}]}""", Map.class));
        assertThat(data.get("b")).isEqualTo(Map.of("name", "Ada", "orders", List.of(Map.of("id", "o-1"))));
        assertThat(data.get("admins")).isEqualTo(List.of(Map.of("id", "1", "orders", List.of(Map.of("id",
                "o-1")))));
        assertThat(seen.get(1)).as("a, b and the admin share /users/1 and its orders: each GET made once")
                .isEqualTo(List.of("GET /users/1", "GET /users/1/orders", "GET /users?role=ADMIN&tags=x&tags=y%20z"));
        assertThat(seen.get(2)).as("the correlation id on every call, the caller's Authorization on none")
                .isEqualTo(List.of("corr-gql-1 null"));

        Map<?, ?> mutation = (Map<?, ?>) seen.get(3);
        assertThat(mutation.get("status")).isEqualTo(200);
        assertThat(((Map<?, ?>) ((Map<?, ?>) mutation.get("body")).get("data")).get("x")).isEqualTo(StrictJson.read(
                """
                {"id": "u-Cy", "name": "Cy", "role": "MEMBER", "tags": ["n"], "address": {"city": "Oslo"}}""",
                Map.class));
        String created = "POST /users {\"name\":\"Cy\",\"role\":\"MEMBER\",\"tags\":[\"n\"],\"address\":"
                + "{\"city\":\"Oslo\"}}";
        assertThat(seen.get(4)).as("the input object is the body; writes are never merged")
                .isEqualTo(List.of(created, created));
        assertThat(seen.get(5)).isEqualTo(new TreeMap<>(Map.of("graphql 200", 2L, "Query.user 200", 2L,
                "Query.users 200", 1L, "User.orders 200", 3L, "Mutation.createUser 201", 2L)));
    }

    /** The translation's timer by "method status". */
    private static Map<String, Long> counts(MeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).timers()) {
            assertThat(timer.getId().getTag("translation")).isEqualTo("translation-shop-graphql");
            counts.put(timer.getId().getTag("method") + " " + timer.getId().getTag("status"), timer.count());
        }
        return counts;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRestErrorIsAnErrorOfItsFieldAndTheOtherDataIsKept() throws Exception {
        List<Object> seen = bothWays(app -> List.of(answer(post(query("""
                { missing: user(id: "404") { name } ok: user(id: "2") { name friends { name } }
                  boom: user(id: "boom") { name } unmapped }""", null)))));
        Map<?, ?> answer = (Map<?, ?>) seen.get(0);
        assertThat(answer.get("status")).isEqualTo(200);
        Map<?, ?> body = (Map<?, ?>) answer.get("body");
        Map<String, Object> data = new TreeMap<>();
        ((Map<?, ?>) body.get("data")).forEach((k, v) -> data.put(String.valueOf(k), v));
        assertThat(data).containsEntry("ok", Map.of("name", "Bob", "friends", List.of(Map.of("name", "Ada"))));
        assertThat(data.get("missing")).isNull();
        assertThat(data.get("boom")).isNull();
        assertThat(data.get("unmapped")).isNull();
        List<?> errors = (List<?>) body.get("errors");
        assertThat(errors).hasSize(3);
        Map<?, ?> boom = (Map<?, ?>) errors.get(0);
        assertThat(boom.get("message")).isEqualTo("GET /users/{id} answered HTTP 500");
        assertThat(boom.get("path")).isEqualTo(List.of("boom"));
        assertThat((Map<Object, Object>) boom.get("extensions")).containsEntry("status", 500L).containsEntry("field",
                "Query.user");
        Map<?, ?> missing = (Map<?, ?>) errors.get(1);
        assertThat(missing.get("message")).isEqualTo("GET /users/{id} answered HTTP 404");
        assertThat(missing.get("path")).isEqualTo(List.of("missing"));
        assertThat((Map<Object, Object>) missing.get("extensions")).containsEntry("status", 404L).containsEntry("field",
                "Query.user");
        assertThat(((Map<?, ?>) errors.get(2)).get("message")).isEqualTo("no REST call resolves Query.unmapped");
        assertThat(String.valueOf(seen)).as("no exception text (the service's 500 body holds one), no address")
                .doesNotContain("IllegalStateException").doesNotContain("java.").doesNotContain("127.0.0.1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServiceThatIsDownOrTooSlowIsAnErrorOfTheFieldWithStatus502Or504() throws Exception {
        String ask = query("{ user(id: \"slow\") { name } }", null);
        restUrl = "http://127.0.0.1:" + FreePort.loopback(); // nothing listens there
        Map<String, Object> down = bothWays(app -> answer(post(ask)));
        restUrl = shop.url();
        timeout = "300ms";
        Map<String, Object> slow = bothWays(app -> answer(post(ask)));
        for (Map<String, Object> answer : List.of(down, slow)) {
            assertThat(answer.get("status")).isEqualTo(200);
            assertThat(((Map<?, ?>) answer.get("body")).get("data")).isEqualTo(java.util.Collections.singletonMap(
                    "user", null));
        }
        Map<?, ?> refused = (Map<?, ?>) ((List<?>) ((Map<?, ?>) down.get("body")).get("errors")).get(0);
        assertThat(refused.get("message")).isEqualTo("GET /users/{id} failed: no connection");
        assertThat((Map<Object, Object>) refused.get("extensions")).containsEntry("status", 502L);
        Map<?, ?> late = (Map<?, ?>) ((List<?>) ((Map<?, ?>) slow.get("body")).get("errors")).get(0);
        assertThat(late.get("message")).isEqualTo("GET /users/{id} failed: no reply in time");
        assertThat((Map<Object, Object>) late.get("extensions")).containsEntry("status", 504L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusedRequestsCallNothing() throws Exception {
        StringBuilder wide = new StringBuilder("{ user(id: \"1\") {");
        for (int i = 0; i < 45; i++) {
            wide.append(" n").append(i).append(": name");
        }
        wide.append(" } }");
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(answer(post(query("{ user(id: \"1\") { name }", null))));
            out.add(answer(post(query("{ user(id: \"1\") { nmae } }", null))));
            out.add(answer(post(query("{ user(id: \"1\") { friends { friends { friends { friends { name } } } } } }",
                    null))));
            out.add(answer(post(query(wide.toString(), null))));
            out.add(answer(post(query("{ __schema { types { name } } }", null))));
            out.add(answer(post("{\"query\": ")));
            out.add(answer(post("{\"q\": 1}")));
            out.add(answer(GraphqlCaller.send(port, "POST", "/graphql", "text/plain", "{ user(id: 1) { name } }")));
            out.add(GraphqlCaller.send(port, "GET", "/graphql?query=%7Bunmapped%7D", null, null).statusCode());
            out.add(restCalls());
            return out;
        });
        for (int i = 0; i < 5; i++) {
            Map<?, ?> refused = (Map<?, ?>) seen.get(i);
            assertThat(refused.get("status")).as("request %d", i).isEqualTo(200);
            Map<?, ?> body = (Map<?, ?>) refused.get("body");
            assertThat(body.get("data")).as("request %d ran no field", i).isNull();
            assertThat((List<?>) body.get("errors")).as("request %d", i).isNotEmpty();
        }
        assertThat(message(seen, 0)).contains("Invalid syntax");
        assertThat(message(seen, 1)).contains("nmae");
        assertThat(message(seen, 2)).contains("depth");
        assertThat(message(seen, 3)).contains("complexity");
        assertThat(message(seen, 4)).contains("ntrospection");
        assertThat(status(seen, 5)).isEqualTo(400);
        assertThat(message(seen, 5)).contains("not valid JSON");
        assertThat(status(seen, 6)).isEqualTo(400);
        assertThat(message(seen, 6)).contains("no query");
        assertThat(status(seen, 7)).isEqualTo(415);
        assertThat(seen.get(8)).as("only POST").isEqualTo(405);
        assertThat(seen.get(9)).as("nothing refused reached the REST service").isEqualTo(List.of());
        assertThat(String.valueOf(seen)).doesNotContain("Exception").doesNotContain("at io.");
    }

    private static int status(List<Object> seen, int i) {
        return (Integer) ((Map<?, ?>) seen.get(i)).get("status");
    }

    private static String message(List<Object> seen, int i) {
        Map<?, ?> body = (Map<?, ?>) ((Map<?, ?>) seen.get(i)).get("body");
        return String.valueOf(((Map<?, ?>) ((List<?>) body.get("errors")).get(0)).get("message"));
    }
}
