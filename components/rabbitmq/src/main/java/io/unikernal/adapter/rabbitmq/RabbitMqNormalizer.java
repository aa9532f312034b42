package io.unikernal.adapter.rabbitmq;

import io.unikernal.runtime.JsonBodyNormalizer;
import io.unikernal.udm.UdmHeaders;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;

/**
 * Turns a delivered AMQP message into a UDM message: the body is parsed as JSON (malformed JSON is rejected with its
 * position, and the message goes to the route's dead letter), the correlation id is the AMQP {@code correlationId}
 * property when it has a safe shape (a fresh one otherwise), and a schema name and version and a creation time the
 * sender put in the {@code UdmSchema}, {@code UdmSchemaVersion} and {@code UdmCreatedAt} headers are kept when they
 * are well formed. Every other {@code Udm*} header a sender set is dropped (only the kernel sets them: no sender can
 * pose as an authenticated caller).
 */
public final class RabbitMqNormalizer implements Processor {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern SCHEMA_VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    private final JsonBodyNormalizer json;

    public RabbitMqNormalizer(String source) {
        this.json = new JsonBodyNormalizer(source);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Object correlationId = message.getHeader(SpringRabbitMQConstants.CORRELATION_ID);
        String schema = text(message.getHeader(UdmProperties.SCHEMA));
        String version = text(message.getHeader(UdmProperties.SCHEMA_VERSION));
        String createdAt = text(message.getHeader(UdmProperties.CREATED_AT));
        if (correlationId != null) {
            message.setHeader(JsonBodyNormalizer.CORRELATION_HEADER, correlationId.toString());
        }
        try {
            json.process(exchange);
        } finally {
            // set even when the body is refused: the dead-letter record then names the sender's schema
            if (schema != null && version != null && SCHEMA_NAME.matcher(schema).matches()
                    && SCHEMA_VERSION.matcher(version).matches()) {
                message.setHeader(UdmHeaders.SCHEMA, schema);
                message.setHeader(UdmHeaders.SCHEMA_VERSION, Integer.parseInt(version));
            }
            if (createdAt != null && isInstant(createdAt)) {
                message.setHeader(UdmHeaders.CREATED_AT, createdAt);
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString().strip();
    }

    /** An ISO-8601 instant such as {@code 2026-12-01T10:15:30.123Z}, of a sane length. */
    private static boolean isInstant(String text) {
        if (text.length() > 40) {
            return false;
        }
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
