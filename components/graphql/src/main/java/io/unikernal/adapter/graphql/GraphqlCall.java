package io.unikernal.adapter.graphql;

import io.unikernal.adapter.http.HttpRequestPreparer;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.idempotency.OutboundIdempotencyKey;
import io.unikernal.udm.UdmHeaders;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * One {@code to:} a remote GraphQL endpoint: sends the use's operation with the message's variables, and the reply's
 * {@code data} becomes the body (JSON text); what an answer with errors or a failing status means is
 * {@link GraphqlReplies}'. The variables are the value of the use's {@code variables} CEL expression (exchange
 * property {@link #VARIABLES_PROPERTY}) or else the body, a JSON object. Only the envelope travels as headers
 * ({@code X-Correlation-Id}, {@code Udm*}) with the system's Authorization and the call's {@code Idempotency-Key} (the
 * same on each retry of the message, so a remote can de-duplicate a mutation): the caller's credentials, its own
 * Idempotency-Key and Camel's headers never reach the remote. The call stays on the route's thread.
 */
public final class GraphqlCall implements Processor {

    /** The variables a use's {@code variables} expression computed, before the call. */
    public static final String VARIABLES_PROPERTY = "UnikernalGraphqlVariables";
    /** The bound of a call when the route sets no timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private GraphqlRemote remote;
    private String document;
    private String documentFile;
    private String operationName;
    private long timeoutMillis;
    private boolean variablesMapped;
    private volatile GraphqlOperation operation;

    public void setRemote(GraphqlRemote remote) {
        this.remote = remote;
    }

    /** The operation's document, inline. */
    public void setDocument(String document) {
        this.document = document;
    }

    /** The file of the operation's document (absolute), read at the first call. */
    public void setDocumentFile(String documentFile) {
        this.documentFile = documentFile;
    }

    public void setOperationName(String operationName) {
        this.operationName = operationName == null || operationName.isBlank() ? null : operationName;
    }

    /** True when the use has a variables expression ({@link #VARIABLES_PROPERTY}), else the body is the variables. */
    public void setVariablesMapped(boolean variablesMapped) {
        this.variablesMapped = variablesMapped;
    }

    /** The route's timeout for the call; 0 for none ({@link #DEFAULT_TIMEOUT}). */
    public void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Map<String, Object> request = new LinkedHashMap<>();
        GraphqlOperation op = operation();
        request.put("query", op.document());
        if (op.operationName() != null) {
            request.put("operationName", op.operationName());
        }
        request.put("variables", variables(exchange, variablesMapped));
        Map<String, String> headers = envelope(message);
        String key = OutboundIdempotencyKey.of(exchange);
        if (key != null) {
            headers.put(HttpRequestPreparer.IDEMPOTENCY_KEY, key);
        }
        Duration timeout = timeoutMillis > 0 ? Duration.ofMillis(timeoutMillis) : DEFAULT_TIMEOUT;
        GraphqlRemote.Reply reply;
        try {
            reply = remote.post(StrictJson.write(request), headers, timeout);
        } catch (HttpConnectTimeoutException e) {
            throw failure("could not connect within the connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw new GraphqlCallException(call() + " got no answer within " + timeout.toMillis() + " ms",
                    new TimeoutException(e.getMessage()));
        } catch (ConnectException e) {
            throw failure("could not connect (connection refused)", e);
        } catch (SSLException e) {
            throw failure("TLS failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw failure("failed on the network (" + e.getClass().getSimpleName() + ")", e);
        }
        message.setBody(GraphqlReplies.data(remote.getUrl(), reply));
    }

    private GraphqlOperation operation() {
        GraphqlOperation known = operation;
        if (known == null) {
            try {
                known = documentFile != null ? GraphqlOperation.fromFile(Path.of(documentFile), operationName, null)
                        : GraphqlOperation.of(document, operationName, null, "the query");
            } catch (GraphqlContractException e) {
                throw new GraphqlCallException(call() + " cannot be made: " + e.getMessage());
            }
            operation = known;
        }
        return known;
    }

    private static Object variables(Exchange exchange, boolean mapped) {
        Object value = exchange.removeProperty(VARIABLES_PROPERTY);
        if (!mapped) {
            value = exchange.getMessage().getBody();
            if (value instanceof byte[] bytes) {
                value = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (value instanceof String text) {
                try {
                    value = text.isBlank() ? null : StrictJson.read(text, Object.class);
                } catch (java.io.UncheckedIOException notJson) {
                    throw new MessageRejectedException("the body is not valid JSON", List.of(
                            "the variables of a GraphQL call are the body, a JSON object"));
                }
            }
        }
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new MessageRejectedException("the variables of a GraphQL call must be a JSON object",
                    List.of((mapped ? "the variables expression" : "the body") + " is a "
                            + (value instanceof List<?> ? "list" : value.getClass().getSimpleName())));
        }
        return value;
    }

    /** The envelope as HTTP headers; nothing else of the message. */
    private static Map<String, String> envelope(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith(UdmHeaders.KERNEL_PREFIX) && value != null && !(value instanceof Map<?, ?>)
                    && !(value instanceof Iterable<?>)) {
                headers.put(name, String.valueOf(value));
            }
        });
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            headers.put("X-Correlation-Id", correlation);
        }
        return headers;
    }

    private GraphqlCallException failure(String what, Throwable cause) {
        return new GraphqlCallException(call() + " " + what, cause);
    }

    private String call() {
        return "GraphQL call to " + remote.getUrl();
    }
}
