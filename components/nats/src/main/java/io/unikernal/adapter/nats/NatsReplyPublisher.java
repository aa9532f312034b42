package io.unikernal.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.unikernal.runtime.ReplyProcessor;
import io.unikernal.udm.UdmHeaders;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Answers a NATS request (a message with a reply subject) with the route's final body as JSON, carrying the
 * correlation id as {@code X-Correlation-Id} and the headers the route's {@code reply} declares. A failed message is
 * answered with the kernel's error body and NATS' service-error headers ({@code Nats-Service-Error},
 * {@code Nats-Service-Error-Code}: the status, e.g. 400 for a rejected message, 500 otherwise), as NATS services do.
 * A message without a reply subject was published one-way: nothing is sent. It publishes on the system's connection,
 * not through camel-nats' own reply, which would send the body alone.
 */
public final class NatsReplyPublisher implements org.apache.camel.Processor {

    static final String SERVICE_ERROR = "Nats-Service-Error";
    static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";

    private Connection connection;

    public void setConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String replyTo = exchange.getProperty(NatsReplySubject.PROPERTY, String.class);
        if (replyTo == null) {
            return;
        }
        Headers headers = new Headers();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            headers.put(NatsHeaderFilter.CORRELATION_ID, correlation);
        }
        for (String name : ReplyProcessor.declaredHeaders(exchange)) {
            Object value = message.getHeader(name);
            if (value != null) {
                headers.put(name, String.valueOf(value));
            }
        }
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status >= 400) {
            Object error = message.getBody() instanceof Map<?, ?> body ? body.get("error") : null;
            headers.put(SERVICE_ERROR, error == null ? "the message could not be processed"
                    : String.valueOf(error).replaceAll("[\\r\\n]+", " "));
            headers.put(SERVICE_ERROR_CODE, String.valueOf(status));
        }
        connection.publish(replyTo, headers, NatsMessagePreparer.json(message.getBody()));
    }
}
