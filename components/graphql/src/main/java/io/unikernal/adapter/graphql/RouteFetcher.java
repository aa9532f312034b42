package io.unikernal.adapter.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLTypeUtil;
import io.unikernal.runtime.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves one field of a root type through the route registered for it: the field's arguments are the message's
 * body (a JSON object), the route's final body is the field's value. A failed route is an error of that field, with
 * the kernel's error reply as its words ({@code io.unikernal.runtime.ErrorReplyProcessor}: a rejected message's reason
 * and violations, or a safe sentence for any other failure) and the correlation id in {@code extensions} — never an
 * exception's text.
 */
final class RouteFetcher implements DataFetcher<CompletableFuture<DataFetcherResult<Object>>> {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFetcher.class);

    private final String coordinate;
    private final Map<String, GraphqlFieldConsumer> fields;

    RouteFetcher(String coordinate, Map<String, GraphqlFieldConsumer> fields) {
        this.coordinate = coordinate;
        this.fields = fields;
    }

    @Override
    public CompletableFuture<DataFetcherResult<Object>> get(DataFetchingEnvironment env) {
        GraphqlFieldConsumer consumer = fields.get(coordinate);
        if (consumer == null) {
            return CompletableFuture.completedFuture(failed(env, "no route serves " + coordinate,
                    Map.of("code", "NOT_SERVED")));
        }
        Exchange exchange = consumer.createExchange(false);
        exchange.getMessage().setBody(new LinkedHashMap<>(env.getArguments()));
        CompletableFuture<DataFetcherResult<Object>> result = new CompletableFuture<>();
        consumer.getAsyncProcessor().process(exchange, doneSync -> {
            try {
                result.complete(outcome(env, exchange));
            } catch (RuntimeException e) {
                LOG.warn("GraphQL field {} failed: {}", coordinate, e.toString());
                result.complete(failed(env, coordinate + " could not be resolved", Map.of("code", "INTERNAL")));
            } finally {
                consumer.releaseExchange(exchange, false);
            }
        });
        return result;
    }

    private DataFetcherResult<Object> outcome(DataFetchingEnvironment env, Exchange exchange) {
        if (exchange.getException() != null) {
            // not handled by the route's error handling (it always handles one when the route has a reply)
            LOG.warn("GraphQL field {} failed: {}", coordinate, exchange.getException().toString());
            return failed(env, coordinate + " could not be resolved", Map.of("code", "INTERNAL"));
        }
        Object body = exchange.getMessage().getBody();
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null) {
            return failed(env, exchange, body);
        }
        Object value = value(body);
        if (value instanceof List<?> rows && !GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(env.getFieldType()))) {
            // a route that selects by key gives rows: one row (or none) is the value of a field that is no list
            if (rows.size() > 1) {
                return failed(env, coordinate + " is one value, but its route gave " + rows.size(),
                        Map.of("code", "INTERNAL"));
            }
            value = rows.isEmpty() ? null : rows.get(0);
        }
        return DataFetcherResult.newResult().data(value).build();
    }

    /** The kernel's error reply ({error, details, correlationId}, HTTP status as a header) as the field's error. */
    private DataFetcherResult<Object> failed(DataFetchingEnvironment env, Exchange exchange, Object body) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        boolean rejected = status != null && status >= 400 && status < 500;
        extensions.put("code", rejected ? "BAD_USER_INPUT" : "INTERNAL");
        String message = coordinate + " could not be resolved";
        if (body instanceof Map<?, ?> reply) {
            if (reply.get("error") != null) {
                message = String.valueOf(reply.get("error"));
            }
            if (reply.get("details") instanceof List<?> details && !details.isEmpty()) {
                extensions.put("violations", details);
            }
            if (reply.get("correlationId") != null) {
                extensions.put("correlationId", reply.get("correlationId"));
            }
        }
        return failed(env, message, extensions);
    }

    private static DataFetcherResult<Object> failed(DataFetchingEnvironment env, String message,
            Map<String, Object> extensions) {
        GraphQLError error = GraphqlErrorBuilder.newError(env).message(message).extensions(extensions).build();
        return DataFetcherResult.newResult().error(error).build();
    }

    /** A JSON text or bytes the route left is its value; maps, lists and scalars are values as they are. */
    private static Object value(Object body) {
        if (body instanceof byte[] bytes) {
            return parsed(new String(bytes, StandardCharsets.UTF_8));
        }
        return body;
    }

    private static Object parsed(String text) {
        try {
            return StrictJson.MAPPER.readValue(text, Object.class);
        } catch (java.io.IOException e) {
            return text;
        }
    }
}
