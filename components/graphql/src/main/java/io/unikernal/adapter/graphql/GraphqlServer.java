package io.unikernal.adapter.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import io.unikernal.runtime.StrictJson;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import io.unikernal.adapter.http.AppListener;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GraphQL endpoint on the app's platform-http listener: {@code POST path} with an {@code application/json} body
 * {@code {query, variables, operationName}}, answered with {@code {data, errors}}. It is mounted on the Vert.x router
 * platform-http binds in the registry when the first field's route starts and removed when the last stops; each field
 * of the query and mutation types is resolved by the route registered for it ({@link RouteFetcher}), a field no route
 * serves by an error. Depth and complexity are limited by graphql-java's instrumentations before any field resolves.
 */
final class GraphqlServer {

    private static final Logger LOG = LoggerFactory.getLogger(GraphqlServer.class);
    private static final Map<String, GraphqlServer> SERVERS = new ConcurrentHashMap<>();

    private final String key;
    private final String settings;
    private final GraphqlFieldEndpoint first;
    private final Map<String, GraphqlFieldConsumer> fields = new ConcurrentHashMap<>();
    private final GraphQL graphql;
    private final Set<String> rootFields;
    private final Route route;

    private GraphqlServer(String key, GraphqlFieldEndpoint endpoint, VertxPlatformHttpRouter router) {
        this.key = key;
        this.first = endpoint;
        this.settings = endpoint.serverSettings();
        GraphqlContract contract = GraphqlContract.load(Path.of(endpoint.getSchema()),
                coordinate -> new RouteFetcher(coordinate, fields));
        this.rootFields = contract.rootFields();
        this.graphql = GraphqlEngine.of(contract.schema(), endpoint.getMaxDepth(), endpoint.getMaxComplexity());
        this.route = router.route(HttpMethod.POST, endpoint.getPath()).handler(router.bodyHandler())
                .handler(this::handle);
    }

    static synchronized void register(GraphqlFieldConsumer consumer) {
        GraphqlFieldEndpoint endpoint = consumer.getEndpoint();
        CamelContext context = endpoint.getCamelContext();
        String key = context.getName() + "@" + System.identityHashCode(context) + endpoint.getPath();
        GraphqlServer server = SERVERS.get(key);
        if (server == null) {
            server = new GraphqlServer(key, endpoint, AppListener.router(context, "GraphQL"));
            SERVERS.put(key, server);
            LOG.info("serving GraphQL on POST {} ({})", endpoint.getPath(), Path.of(endpoint.getSchema()).getFileName());
            GraphqlServer started = server;
            try {
                context.addStartupListener(new StartupListener() {
                    @Override
                    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
                    }

                    @Override
                    public void onCamelContextFullyStarted(CamelContext camel, boolean alreadyStarted) {
                        started.warnUnserved();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException("cannot watch the app's start: " + e.getMessage(), e);
            }
        } else if (!server.settings.equals(endpoint.serverSettings())) {
            throw new IllegalStateException("GraphQL field " + endpoint.getField() + " is served on "
                    + endpoint.getPath() + " with other settings than " + server.first.getField());
        }
        if (!server.rootFields.contains(endpoint.getField())) {
            throw new IllegalStateException("the schema has no field " + endpoint.getField() + "; its fields: "
                    + String.join(", ", server.rootFields));
        }
        if (server.fields.putIfAbsent(endpoint.getField(), consumer) != null) {
            throw new IllegalStateException("GraphQL field " + endpoint.getField() + " is served by two routes");
        }
    }

    static synchronized void unregister(GraphqlFieldConsumer consumer) {
        GraphqlFieldEndpoint endpoint = consumer.getEndpoint();
        CamelContext context = endpoint.getCamelContext();
        String key = context.getName() + "@" + System.identityHashCode(context) + endpoint.getPath();
        GraphqlServer server = SERVERS.get(key);
        if (server != null && server.fields.remove(endpoint.getField(), consumer) && server.fields.isEmpty()) {
            server.route.remove();
            SERVERS.remove(server.key);
        }
    }

    /** Once the app has started: the fields of the schema no route serves (each answers an error when asked). */
    private void warnUnserved() {
        Set<String> unserved = new TreeSet<>(rootFields);
        unserved.removeAll(fields.keySet());
        if (!unserved.isEmpty()) {
            LOG.warn("GraphQL on POST {}: no route serves {}; a query for one gets the error \"no route serves"
                    + " <field>\"", first.getPath(), String.join(", ", unserved));
        }
    }


    private void handle(RoutingContext request) {
        ExecutionInput input;
        try {
            input = input(request);
        } catch (GraphqlRequestException e) {
            answer(request, 400, Map.of("errors", List.of(Map.of("message", e.getMessage()))));
            return;
        }
        // off the event loop: the routes may block (a database call)
        request.vertx().<ExecutionResult>executeBlocking(() -> graphql.execute(input), false).onComplete(done -> {
            if (done.succeeded()) {
                answer(request, 200, done.result().toSpecification());
            } else {
                LOG.warn("GraphQL request on {} failed: {}", first.getPath(), done.cause().toString());
                answer(request, 500, Map.of("errors", List.of(Map.of("message", "the request could not be"
                        + " processed; it was written to the error log"))));
            }
        });
    }

    private ExecutionInput input(RoutingContext request) throws GraphqlRequestException {
        String type = request.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new GraphqlRequestException("a GraphQL request is a POST with Content-Type application/json");
        }
        return GraphqlEngine.fromJson(request.body() == null ? "" : request.body().asString(),
                first.isIntrospection()).build();
    }

    private static void answer(RoutingContext request, int status, Map<String, Object> body) {
        if (request.response().ended()) {
            return;
        }
        request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(StrictJson.write(body));
    }
}
