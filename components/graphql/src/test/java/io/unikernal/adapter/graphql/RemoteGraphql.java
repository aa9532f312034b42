package io.unikernal.adapter.graphql;

import com.sun.net.httpserver.HttpExchange;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.http.RestartableHttpServer;
import io.unikernal.testkit.server.RestartableServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * A real GraphQL server of the test's own (graphql-java behind the JDK's HTTP server) on a loopback port: it runs
 * every operation it receives against {@link #SDL} and records each call (its variables, operation name and headers).
 * A test steers how it answers: an HTTP status of its choice, a body that is not JSON, or holding every answer until
 * released. Its {@link #server()} restarts on the same port.
 */
final class RemoteGraphql implements AutoCloseable {

    static final String SDL = """
            type Query { order(id: ID!): Order, broken(id: ID!): Order }
            type Mutation { take(id: ID!, n: Int!, note: String): Message }
            type Message { id: ID, n: Int, note: String }
            type Order { id: ID, amount: Float, customer: String }
            """;

    /** One call: its variables, its operation name, its headers (names in lower case). */
    record Call(Map<String, Object> variables, String operationName, Map<String, String> headers) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final GraphQL graphql;
    private final boolean https;
    private final RestartableHttpServer server;
    private volatile int status;
    private volatile String rawReply;
    private volatile CountDownLatch held;

    RemoteGraphql() throws IOException {
        this(null);
    }

    /** Serves HTTPS with this context when not null. */
    RemoteGraphql(SSLContext tls) throws IOException {
        this.https = tls != null;
        DataFetcher<Object> order = env -> Map.of("id", env.getArgument("id"), "amount", 12.5, "customer", "Ada");
        DataFetcher<Object> broken = env -> {
            throw new IllegalStateException("order " + env.getArgument("id") + " is locked");
        };
        DataFetcher<Object> take = env -> new LinkedHashMap<>(env.getArguments());
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("order", order).dataFetcher("broken", broken))
                .type("Mutation", t -> t.dataFetcher("take", take)).build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        this.graphql = GraphQL.newGraphQL(schema).build();
        this.server = new RestartableHttpServer("/graphql", this::answer, tls);
    }

    @SuppressWarnings("unchecked")
    private void answer(HttpExchange exchange) throws IOException {
        try {
            Map<String, Object> request = StrictJson.read(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8), Map.class);
            Map<String, Object> variables = (Map<String, Object>) request.getOrDefault("variables", Map.of());
            calls.add(new Call(variables, (String) request.get("operationName"), Http.headers(exchange)));
            CountDownLatch hold = held;
            if (hold != null) {
                hold.await();
            }
            if (rawReply != null) {
                Http.respondJson(exchange, status == 0 ? 200 : status, rawReply);
                return;
            }
            if (status != 0) {
                Http.respondJson(exchange, status, "{\"errors\": [{\"message\": \"refused by the test\"}]}");
                return;
            }
            ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput()
                    .query((String) request.get("query")).operationName((String) request.get("operationName"))
                    .variables(variables).build());
            Http.respondJson(exchange, 200, StrictJson.write(result.toSpecification()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    String url() {
        return (https ? "https" : "http") + "://127.0.0.1:" + server.port() + "/graphql";
    }

    int port() {
        return server.port();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the calls and answers normally again. */
    void reset() {
        release();
        calls.clear();
        status = 0;
        rawReply = null;
    }

    /** Answers every call with this status (and a GraphQL error body); 0 to run operations again. */
    RemoteGraphql status(int status) {
        this.status = status;
        return this;
    }

    /** Answers every call with this body (status 200 unless {@link #status} says otherwise); null to stop. */
    RemoteGraphql rawReply(String body) {
        this.rawReply = body;
        return this;
    }

    /** Holds every answer until {@link #release()}. */
    RemoteGraphql hold() {
        this.held = new CountDownLatch(1);
        return this;
    }

    void release() {
        CountDownLatch hold = held;
        held = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** Its listener, which a test stops and starts on the same port. */
    RestartableServer server() {
        return server;
    }

    @Override
    public void close() {
        release();
        server.close();
    }
}
