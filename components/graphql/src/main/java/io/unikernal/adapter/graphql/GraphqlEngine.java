package io.unikernal.adapter.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.introspection.Introspection;
import graphql.schema.GraphQLSchema;
import io.unikernal.runtime.StrictJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this adapter runs GraphQL, for every server built on it (its own field routes, UPT's GraphQL to REST): an engine
 * with depth and complexity limits checked before any field resolves and fetcher failures answered with a safe
 * message, and the reading of a request body ({@code {query, variables, operationName}}) into an execution input,
 * with introspection off unless allowed.
 */
public final class GraphqlEngine {

    private static final Logger LOG = LoggerFactory.getLogger(GraphqlEngine.class);

    private GraphqlEngine() {
    }

    /** An engine for {@code schema} refusing queries deeper than {@code maxDepth} or more complex than allowed. */
    public static GraphQL of(GraphQLSchema schema, int maxDepth, int maxComplexity) {
        return GraphQL.newGraphQL(schema)
                .instrumentation(new ChainedInstrumentation(List.of(
                        new MaxQueryDepthInstrumentation(maxDepth),
                        new MaxQueryComplexityInstrumentation(maxComplexity))))
                .defaultDataFetcherExceptionHandler(new SafeExceptions())
                .build();
    }

    /**
     * A request read from an {@code application/json} body: its query (required), variables (an object) and
     * operation name (a string). A body that is none is a {@link GraphqlRequestException} with a sentence for the
     * caller.
     */
    public static ExecutionInput.Builder fromJson(String body, boolean introspection) throws GraphqlRequestException {
        JsonNode json;
        try {
            json = StrictJson.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new GraphqlRequestException("the request body is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (json == null || !json.isObject()) {
            throw new GraphqlRequestException("the request body must be a JSON object {query, variables,"
                    + " operationName}");
        }
        JsonNode query = json.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            throw new GraphqlRequestException("the request has no query: send {\"query\": \"...\"}");
        }
        JsonNode variables = json.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new GraphqlRequestException("variables must be a JSON object");
        }
        JsonNode operation = json.get("operationName");
        if (operation != null && !operation.isNull() && !operation.isTextual()) {
            throw new GraphqlRequestException("operationName must be a string");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = variables == null || variables.isNull() ? Map.of()
                : StrictJson.MAPPER.convertValue(variables, Map.class);
        ExecutionInput.Builder input = fromQuery(query.asText(), introspection).variables(vars);
        if (operation != null && operation.isTextual()) {
            input.operationName(operation.asText());
        }
        return input;
    }

    /** A request that is the query document alone ({@code application/graphql}): no variables, its only operation. */
    public static ExecutionInput.Builder fromQuery(String query, boolean introspection) throws GraphqlRequestException {
        if (query == null || query.isBlank()) {
            throw new GraphqlRequestException("the request has no query");
        }
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(query);
        if (!introspection) {
            input.graphQLContext(Map.of(Introspection.INTROSPECTION_DISABLED, true));
        }
        return input;
    }

    /** A fetcher that throws (it should not) becomes an error with a safe message, never the exception's text. */
    private static final class SafeExceptions implements DataFetcherExceptionHandler {
        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                DataFetcherExceptionHandlerParameters parameters) {
            LOG.warn("GraphQL field {} failed: {}", parameters.getPath(), parameters.getException().toString());
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult()
                    .error(GraphqlErrorBuilder.newError().message("the field could not be resolved")
                            .path(parameters.getPath()).location(parameters.getSourceLocation()).build())
                    .build());
        }
    }
}
