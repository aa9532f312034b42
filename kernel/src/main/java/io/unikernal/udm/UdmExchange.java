package io.unikernal.udm;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Moves a {@link UdmMessage} in and out of a Camel exchange: the body becomes the exchange body, the envelope
 * goes to the {@link UdmHeaders} headers, and the message's own headers become plain exchange headers.
 */
public final class UdmExchange {
    private UdmExchange() {
    }

    /**
     * Reads the exchange's in-message as UDM. String-valued exchange headers other than the envelope headers and
     * {@code Camel*} internals become message headers; a missing correlation id or creation time is generated.
     *
     * @throws IllegalArgumentException when the body is not a UDM value or an envelope header is malformed
     */
    public static UdmMessage read(Exchange exchange) {
        Message in = exchange.getIn();
        UdmMessage.Builder b = UdmMessage.builder().body(in.getBody());
        String source = in.getHeader(UdmHeaders.SOURCE, String.class);
        if (source != null) {
            b.source(source);
        }
        String schema = in.getHeader(UdmHeaders.SCHEMA, String.class);
        Integer version = in.getHeader(UdmHeaders.SCHEMA_VERSION, Integer.class);
        if (schema != null) {
            b.schema(schema, version == null ? 0 : version);
        }
        b.correlationId(in.getHeader(UdmHeaders.CORRELATION_ID, String.class));
        String created = in.getHeader(UdmHeaders.CREATED_AT, String.class);
        if (created != null) {
            try {
                b.createdAt(Instant.parse(created));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("header " + UdmHeaders.CREATED_AT + " is not an ISO-8601 instant: '"
                        + created + "'", e);
            }
        }
        for (Map.Entry<String, Object> h : in.getHeaders().entrySet()) {
            String name = h.getKey();
            if (!UdmHeaders.isEnvelopeHeader(name) && !name.startsWith("Camel") && h.getValue() instanceof String s) {
                b.header(name, s);
            }
        }
        return b.build();
    }

    /** Writes {@code message} into the exchange's in-message: body, envelope headers and message headers. */
    public static void write(UdmMessage message, Exchange exchange) {
        Message in = exchange.getIn();
        in.setBody(UdmValues.mutableCopy(message.body())); // routes edit bodies in place
        in.getHeaders().putAll(message.headers());
        in.setHeader(UdmHeaders.SOURCE, message.source());
        if (message.schema() != null) {
            in.setHeader(UdmHeaders.SCHEMA, message.schema());
            in.setHeader(UdmHeaders.SCHEMA_VERSION, message.schemaVersion());
        } else {
            in.removeHeader(UdmHeaders.SCHEMA);
            in.removeHeader(UdmHeaders.SCHEMA_VERSION);
        }
        in.setHeader(UdmHeaders.CORRELATION_ID, message.correlationId());
        in.setHeader(UdmHeaders.CREATED_AT, message.createdAt().toString());
    }
}
