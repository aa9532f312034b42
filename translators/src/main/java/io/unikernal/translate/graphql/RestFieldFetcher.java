package io.unikernal.translate.graphql;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLTypeUtil;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.TranslationMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;

/**
 * Resolves one field ({@code Type.field}) by its REST call: the call built from the field's arguments and parent
 * ({@link RestTemplate}), a GET through the request's java-dataloader (so equal GETs of one request are made once and
 * those of one level together), another verb at once (a write is never merged with another). A 2xx JSON reply is the
 * field's value (an empty one null); any other status is an error of the field with its path and
 * {@code extensions.status}, the rest of the query's data kept. The error's words name the template, not the address.
 */
final class RestFieldFetcher implements DataFetcher<CompletableFuture<DataFetcherResult<Object>>> {

    private final String coordinate;
    private final RestTemplate template;

    RestFieldFetcher(String coordinate, RestTemplate template) {
        this.coordinate = coordinate;
        this.template = template;
    }

    @Override
    public CompletableFuture<DataFetcherResult<Object>> get(DataFetchingEnvironment env) {
        RequestScope scope = env.getGraphQlContext().get(RequestScope.KEY);
        long start = System.nanoTime();
        RestCall call;
        try {
            call = template.call(new LinkedHashMap<>(env.getArguments()), env.getSource(), inputObjects(env));
        } catch (RestTemplate.Unfit unfit) {
            return CompletableFuture.completedFuture(error(env, unfit.getMessage(), Map.of("code",
                    "BAD_USER_INPUT")));
        }
        CompletableFuture<RestReply> reply;
        if (template.verb().equals("GET")) {
            DataLoader<RestCall, RestReply> gets = env.getDataLoader(RequestScope.GETS);
            reply = gets.load(call);
        } else {
            reply = scope.client().send(call, scope.correlationId());
        }
        return reply.thenApply(answer -> {
            TranslationMetrics.record(scope.exchange(), coordinate, answer.status(), start);
            return outcome(env, answer);
        });
    }

    private static Set<String> inputObjects(DataFetchingEnvironment env) {
        return env.getFieldDefinition().getArguments().stream()
                .filter(arg -> GraphQLTypeUtil.unwrapNonNull(arg.getType()) instanceof GraphQLInputObjectType)
                .map(arg -> arg.getName()).collect(Collectors.toSet());
    }

    private DataFetcherResult<Object> outcome(DataFetchingEnvironment env, RestReply reply) {
        if (!reply.answered()) {
            return error(env, template.text() + " failed: " + reply.failure(), Map.of("status", reply.status()));
        }
        if (reply.status() < 200 || reply.status() > 299) {
            return error(env, template.text() + " answered HTTP " + reply.status(), Map.of("status", reply.status()));
        }
        if (reply.body() == null || reply.body().isBlank()) {
            return DataFetcherResult.newResult().data(null).build();
        }
        try {
            return DataFetcherResult.newResult().data(StrictJson.read(reply.body(), Object.class)).build();
        } catch (RuntimeException notJson) {
            return error(env, template.text() + " answered HTTP " + reply.status() + " with a body that is not JSON",
                    Map.of("status", 502));
        }
    }

    private DataFetcherResult<Object> error(DataFetchingEnvironment env, String message, Map<String, Object> ext) {
        Map<String, Object> extensions = new LinkedHashMap<>(ext);
        extensions.put("field", coordinate);
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(message)
                .extensions(extensions).build()).build();
    }
}
