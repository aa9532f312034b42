package io.unikernal.runtime;

import io.unikernal.udm.UdmHeaders;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Replaces the body of a failed exchange with a dead-letter record: the original payload as received, the reason,
 * the route, the attempt count, the correlation id and when it failed. The dead-letter system receives this record
 * (a JDBC target can insert it with {@code :#payload}, {@code :#reason}, ...).
 */
public final class DeadLetterRecorder implements Processor {

    private final String route;

    public DeadLetterRecorder(String route) {
        this.route = route;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message message = exchange.getMessage();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("route", route);
        record.put("correlationId", correlationId(exchange));
        record.put("source", message.getHeader(UdmHeaders.SOURCE, String.class));
        record.put("reason", failure == null ? "unknown" : String.valueOf(failure.getMessage()));
        record.put("errorType", failure == null ? null : failure.getClass().getName());
        record.put("details", failure instanceof MessageRejectedException r ? String.join("; ", r.details()) : null);
        Integer redeliveries = message.getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        record.put("attempts", 1 + (redeliveries == null ? 0 : redeliveries));
        record.put("failedAt", Instant.now().toString());
        record.put("payload", originalPayload(exchange));
        message.setBody(record);
    }

    /** The message as it arrived, before any step changed it; text, so any store can keep it. */
    private static String originalPayload(Exchange exchange) {
        Object original = exchange.getProperty(JsonBodyParser.RAW_PAYLOAD);
        if (original == null) {
            original = exchange.getMessage().getBody();
        }
        if (original == null || original instanceof String) {
            return (String) original;
        }
        if (original instanceof Map || original instanceof Iterable || original instanceof Number
                || original instanceof Boolean) {
            return Json.write(original);
        }
        String text = exchange.getContext().getTypeConverter().tryConvertTo(String.class, exchange, original);
        return text != null ? text : String.valueOf(original);
    }

    /** The message's correlation id, from its header or, when a target replaced the headers, the exchange. */
    static String correlationId(Exchange exchange) {
        String id = exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID, String.class);
        return id != null ? id : exchange.getProperty(UdmHeaders.CORRELATION_ID, String.class);
    }
}
