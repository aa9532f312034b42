package io.unikernal.translate.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import io.unikernal.adapter.graphql.GraphqlContract;
import io.unikernal.adapter.graphql.GraphqlEngine;
import io.unikernal.adapter.graphql.GraphqlRequestException;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

/**
 * Runs one GraphQL request of a GraphQL to REST translation: the SDL's schema (read at the first request) with each
 * field of {@code resolve} fetched by its REST call ({@link RestFieldFetcher}), any other field of an object type by
 * graphql-java's default (the parent's JSON member of that name), a query or mutation field with no call by an error.
 * Depth, complexity and introspection are the graphql adapter's engine's ({@link GraphqlEngine}). Each request gets
 * its own java-dataloader registry, so GETs are de-duplicated within a request and never across requests. The answer
 * is 200 with {@code {data, errors}}, as graphql-java specifies it, a malformed request 400 before anything is called.
 */
public final class GraphqlRestServer implements Processor {

    /** Timer tag of the request itself (its fields' calls are tagged by coordinate). */
    static final String REQUEST_METHOD = "graphql";

    private String sdl;
    private String url;
    private String resolve;
    private int maxDepth = 10;
    private int maxComplexity = 200;
    private boolean introspection;
    private long timeoutMillis = 30_000;
    private volatile Engine engine;

    private record Engine(GraphQL graphql, RestClient client) {
    }

    public void setSdl(String sdl) {
        this.sdl = sdl;
    }

    /** The REST service's base URL (the http-client system's url). */
    public void setUrl(String url) {
        this.url = url;
    }

    /** {@link Resolutions#encode}d. */
    public void setResolve(String resolve) {
        this.resolve = resolve;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public void setMaxComplexity(int maxComplexity) {
        this.maxComplexity = maxComplexity;
    }

    public void setIntrospection(boolean introspection) {
        this.introspection = introspection;
    }

    /** The longest one REST call may take. */
    public void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        ExecutionInput.Builder input;
        try {
            input = GraphqlEngine.fromJson(body instanceof String text ? text : StrictJson.write(body), introspection);
        } catch (GraphqlRequestException e) {
            throw new MessageRejectedException(400, e.getMessage(), List.of());
        }
        Engine current = engine();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        RequestScope scope = new RequestScope(current.client(), correlation, exchange);
        DataLoader<RestCall, RestReply> gets = DataLoaderFactory.newDataLoader(calls -> {
            List<CompletableFuture<RestReply>> sent = new ArrayList<>();
            calls.forEach(call -> sent.add(current.client().send(call, correlation)));
            return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .thenApply(done -> sent.stream().map(CompletableFuture::join).toList());
        });
        DataLoaderRegistry loaders = DataLoaderRegistry.newRegistry().register(RequestScope.GETS, gets).build();
        ExecutionResult result = current.graphql().execute(input.dataLoaderRegistry(loaders)
                .graphQLContext(Map.of(RequestScope.KEY, scope)).build());
        GraphqlAnswers.answer(exchange, 200, result.toSpecification());
    }

    private Engine engine() {
        Engine built = engine;
        if (built == null) {
            synchronized (this) {
                built = engine;
                if (built == null) {
                    Map<String, RestTemplate> templates = Resolutions.decode(resolve);
                    GraphqlContract contract = GraphqlContract.loadResolving(Path.of(sdl), coordinate -> {
                        RestTemplate template = templates.get(coordinate);
                        return template != null ? new RestFieldFetcher(coordinate, template) : null;
                    });
                    GraphQL graphql = GraphqlEngine.of(withUnresolvedRoots(contract, templates), maxDepth,
                            maxComplexity);
                    built = new Engine(graphql, new RestClient(url, Duration.ofMillis(timeoutMillis)));
                    engine = built;
                }
            }
        }
        return built;
    }

    /** A query or mutation field no REST call resolves answers an error, not a silent null. */
    private static GraphQLSchema withUnresolvedRoots(GraphqlContract contract,
            Map<String, RestTemplate> templates) {
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(contract.schema().getCodeRegistry());
        for (String coordinate : contract.rootFields()) {
            if (!templates.containsKey(coordinate)) {
                String[] parts = coordinate.split("\\.", 2);
                code.dataFetcher(FieldCoordinates.coordinates(parts[0], parts[1]), unresolved(coordinate));
            }
        }
        return contract.schema().transform(schema -> schema.codeRegistry(code.build()));
    }

    private static DataFetcher<DataFetcherResult<Object>> unresolved(String coordinate) {
        return env -> DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
                .message("no REST call resolves " + coordinate).extensions(Map.of("code", "NOT_RESOLVED",
                        "field", coordinate)).build()).build();
    }
}
