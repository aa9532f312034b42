package io.unikernal.adapter.kafka;

import io.unikernal.runtime.CarriedHeaders;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.Processor;

/**
 * Prepares a record for a kafka target: the body as JSON text, and as record headers only the UDM envelope
 * ({@code Udm*} as text, and the correlation id again as {@code X-Correlation-Id}). Every other header — a caller's
 * Authorization, API keys, cookies, Camel's own, and the {@code kafka.*} headers of a record the route consumed
 * (its key, topic, partition) — is removed first, so nothing reaches the topic unless the route maps it on purpose.
 * The key is the one the target's {@code key} expression computed (as text), or none: Kafka's partitioner then
 * spreads the records, and a key puts all records of one key in one partition, in order. Headers a bridge forwards on
 * purpose ({@link CarriedHeaders}: its allow-list, the content type as {@code content-type}) are added after the
 * strip, as text; a reserved name among them (the envelope's, Camel's, {@code kafka.*}) never is.
 */
public final class KafkaRecordPreparer implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> !name.startsWith(UdmHeaders.KERNEL_PREFIX));
        message.getHeaders().replaceAll((name, value) -> value == null ? null : String.valueOf(value));
        CarriedHeaders.of(exchange).forEach((name, value) -> {
            if (value != null && (name.equals(CarriedHeaders.CONTENT_TYPE) || !CarriedHeaders.isReserved(name))) {
                message.setHeader(name, value);
            }
        });
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            message.setHeader(KafkaHeaders.CORRELATION_ID, correlation);
        }
        // taken, so the next kafka call of the route (a fan-out) computes its own or sends none
        Object key = exchange.removeProperty(KafkaHeaders.KEY_PROPERTY);
        if (key != null) {
            message.setHeader(KafkaConstants.KEY, key instanceof String text ? text : StrictJson.write(key));
        }
        Object body = message.getBody();
        message.setBody(body instanceof String || body instanceof byte[] ? body : StrictJson.write(body));
    }
}
