package io.unikernal.adapter.redis;

import io.unikernal.runtime.JsonBodyNormalizer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares a message for a stream entry: the body as JSON text (the payload field), and as further fields only the UDM
 * envelope — the correlation id as {@value JsonBodyNormalizer#CORRELATION_HEADER} (as over HTTP and Kafka, the name a
 * reader takes it from) and the kernel's envelope headers as text ({@code UdmCorrelationId}, {@code UdmSchema},
 * {@code UdmSchemaVersion}, {@code UdmSource}, {@code UdmCreatedAt}). Every other header — a caller's Authorization, API keys, cookies, Camel's own, the
 * {@code CamelRedisStreams*} headers of an entry the route consumed — is removed first, so nothing reaches the stream
 * unless the route maps it on purpose.
 */
public final class RedisEntryPreparer implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> !UdmHeaders.isEnvelopeHeader(name));
        message.getHeaders().replaceAll((name, value) -> value == null ? null : String.valueOf(value));
        Object correlation = message.getHeader(UdmHeaders.CORRELATION_ID);
        Object body = message.getBody();
        message.setBody(body instanceof String || body instanceof byte[] ? body : StrictJson.write(body));
        if (correlation != null) {
            message.setHeader(JsonBodyNormalizer.CORRELATION_HEADER, String.valueOf(correlation));
        }
    }
}
