package io.unikernal.translate.graphql;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.unikernal.runtime.StrictJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real graphql-java server over the JDK's HTTP server on a loopback port, serving {@code library.graphqls}: books
 * by id and by filter, adding a book, a field that fails ({@code broken}, nullable) and one that fails and is non-null
 * ({@code mandatory}, so the whole data is null). It records each request's operation, variables and headers.
 */
final class LibraryGraphqlServer implements AutoCloseable {

    /** One request as the server got it. */
    record Request(String operationName, Map<?, ?> variables, String correlationId, String authorization) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final GraphQL graphql;

    LibraryGraphqlServer(Path sdl) throws IOException {
        Map<String, Object> dune = Map.of("id", "1", "title", "Dune", "genre", "SCIFI", "tags", List.of("space"),
                "author", Map.of("name", "Frank Herbert"));
        Map<String, Object> odes = Map.of("id", "2", "title", "Odes", "genre", "POETRY", "tags", List.of(),
                "author", Map.of("name", "Keats"));
        DataFetcher<DataFetcherResult<Object>> broken = env -> DataFetcherResult.newResult().error(GraphqlErrorBuilder
                .newError(env).message(env.getField().getName() + " is out of order").build()).build();
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("book", env -> "1".equals(env.getArgument("id")) ? dune
                                : "2".equals(env.getArgument("id")) ? odes : null)
                        .dataFetcher("books", env -> {
                            Map<?, ?> filter = env.getArgument("filter");
                            Object genre = filter == null ? null : filter.get("genre");
                            return List.of(dune, odes).stream().filter(b -> genre == null || genre.equals(
                                    b.get("genre"))).toList();
                        })
                        .dataFetcher("broken", broken).dataFetcher("mandatory", broken))
                .type("Mutation", type -> type.dataFetcher("addBook", env -> {
                    Map<String, Object> book = new LinkedHashMap<>(env.getArgument("input"));
                    book.put("id", "b-" + book.get("title"));
                    return book;
                }))
                .build();
        graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(
                Files.readString(sdl)), wiring)).build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/graphql", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql";
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<?, ?> request = StrictJson.read(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8), Map.class);
        Map<?, ?> variables = request.get("variables") instanceof Map<?, ?> map ? map : Map.of();
        requests.add(new Request((String) request.get("operationName"), variables,
                exchange.getRequestHeaders().getFirst("X-Correlation-Id"),
                exchange.getRequestHeaders().getFirst("Authorization")));
        @SuppressWarnings("unchecked")
        ExecutionInput input = ExecutionInput.newExecutionInput().query((String) request.get("query"))
                .operationName((String) request.get("operationName"))
                .variables((Map<String, Object>) variables).build();
        ShopRestService.send(exchange, 200, graphql.execute(input).toSpecification());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
