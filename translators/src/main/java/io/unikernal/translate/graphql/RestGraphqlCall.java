package io.unikernal.translate.graphql;

import graphql.language.OperationDefinition;
import io.unikernal.adapter.graphql.GraphqlCallException;
import io.unikernal.adapter.graphql.GraphqlRemote;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One REST request of a REST to GraphQL translation: {@code POST {path}/{operation}} with the variables as its JSON
 * body runs that named operation of the document on the target's GraphQL endpoint (the graphql system's
 * {@link GraphqlRemote}). Before anything is sent: another verb is 405, an operation the document lacks 404, a
 * variable the operation does not define or a required one missing 400. The answer is {@link GraphqlReplyStatus}'s.
 * Only {@code X-Correlation-Id} (and the system's own Authorization) travel: the caller's headers never do.
 */
public final class RestGraphqlCall implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RestGraphqlCall.class);

    private String operations;
    private GraphqlRemote remote;
    private long timeoutMillis = GraphqlToRest.DEFAULT_TIMEOUT_MILLIS;

    /** The .graphql document's file (absolute). */
    public void setOperations(String operations) {
        this.operations = operations;
    }

    public void setRemote(GraphqlRemote remote) {
        this.remote = remote;
    }

    public void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        Message message = exchange.getMessage();
        String name = operationName(exchange);
        GraphqlOperations document = GraphqlOperations.load(Path.of(operations));
        OperationDefinition operation = document.operation(name);
        if (operation == null) {
            throw new MessageRejectedException(404, "no operation " + name + " is served here", List.of(
                    "the operations: " + String.join(", ", document.names())));
        }
        exchange.setProperty(GraphqlAnswers.METHOD_PROPERTY, operation.getName());
        String verb = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"POST".equals(verb)) {
            throw new MessageRejectedException(405, verb + " is not served: call POST with the variables as the"
                    + " JSON body", List.of());
        }
        Object body = message.getBody();
        Map<?, ?> variables = body == null ? Map.of() : body instanceof Map<?, ?> map ? map : null;
        if (variables == null) {
            throw new MessageRejectedException(400, "the body must be a JSON object of the operation's variables",
                    List.of());
        }
        List<String> problems = GraphqlOperations.problems(operation, variables);
        if (!problems.isEmpty()) {
            throw new MessageRejectedException(400, "the variables do not fit operation " + operation.getName(),
                    problems);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", document.text());
        request.put("operationName", operation.getName());
        request.put("variables", variables);
        Map<String, String> headers = new LinkedHashMap<>();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            headers.put("X-Correlation-Id", correlation);
        }
        GraphqlRemote.Reply reply;
        try {
            reply = remote.post(StrictJson.write(request), headers, Duration.ofMillis(timeoutMillis));
        } catch (HttpTimeoutException e) {
            GraphqlAnswers.answer(exchange, 504, GraphqlReplyStatus.error("the GraphQL server did not answer in"
                    + " time"));
            return;
        } catch (IOException | GraphqlCallException e) {
            LOG.warn("translation {}: operation {} failed (correlation id {}): {}", exchange.getFromRouteId(),
                    operation.getName(), correlation, e.toString());
            GraphqlAnswers.answer(exchange, 502, GraphqlReplyStatus.error(e instanceof ConnectException
                    ? "the GraphQL server cannot be reached" : "the call to the GraphQL server failed"));
            return;
        }
        GraphqlReplyStatus.Answer answer = GraphqlReplyStatus.of(reply.status(), reply.body());
        GraphqlAnswers.answer(exchange, answer.status(), answer.body());
    }

    /** The rest of the path under the translation's: the operation's name. */
    private static String operationName(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String base = exchange.getFromEndpoint() instanceof PlatformHttpEndpoint http ? http.getPath() : "";
        String named = path == null || !path.startsWith(base) ? "" : path.substring(base.length());
        while (named.startsWith("/")) {
            named = named.substring(1);
        }
        return named;
    }
}
