package io.unikernal.adapter.rabbitmq;

import io.unikernal.runtime.CarriedHeaders;
import io.unikernal.runtime.idempotency.OutboundIdempotencyKey;
import io.unikernal.udm.UdmHeaders;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.DefaultMessagePropertiesConverter;
import org.apache.camel.component.springrabbit.MessagePropertiesConverter;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * The UDM envelope in AMQP message properties. On a publish only the envelope travels: the correlation id as the
 * AMQP {@code correlationId} property, the call's idempotency key as the {@code messageId} (the same on every retry
 * of one message, so a consumer can drop a repeat), and the source, schema name and version and creation time as
 * the AMQP headers {@value #SOURCE}, {@value #SCHEMA}, {@value #SCHEMA_VERSION} and {@value #CREATED_AT}; every other
 * header of the exchange — a caller's Authorization, API keys, cookies, Camel's own — stays behind. Messages are
 * persistent (delivery mode 2) and JSON — unless a bridge forwards a content type and headers on purpose
 * ({@link CarriedHeaders}): its {@code content-type} becomes the AMQP {@code content_type}, its other entries AMQP
 * headers (a reserved name — the envelope's, Camel's — never). On a delivery, Camel's mapping applies (properties as
 * {@code CamelSpringRabbitmq*} headers, AMQP headers as they are, minus {@code Camel*}); the source's normalizer
 * ({@link RabbitMqNormalizer}) takes the envelope from there.
 */
public final class UdmProperties implements MessagePropertiesConverter {

    /** The AMQP header names of the envelope: the route's header names, so a reader sees the same words. */
    static final String SOURCE = UdmHeaders.SOURCE;
    static final String SCHEMA = UdmHeaders.SCHEMA;
    static final String SCHEMA_VERSION = UdmHeaders.SCHEMA_VERSION;
    static final String CREATED_AT = UdmHeaders.CREATED_AT;
    private static final List<String> ENVELOPE = List.of(SOURCE, SCHEMA, SCHEMA_VERSION, CREATED_AT);

    private final DefaultMessagePropertiesConverter delivered = new DefaultMessagePropertiesConverter();

    @Override
    public MessageProperties toMessageProperties(Exchange exchange) {
        org.apache.camel.Message message = exchange.getMessage();
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setContentType(JsonBodyConverter.JSON);
        String correlationId = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlationId == null) {
            // a target's response may have replaced the headers: failure handling keeps the id here
            correlationId = exchange.getProperty(UdmHeaders.CORRELATION_ID, String.class);
        }
        if (correlationId != null) {
            properties.setCorrelationId(correlationId);
        }
        String key = OutboundIdempotencyKey.of(exchange);
        if (key != null) {
            properties.setMessageId(key);
        }
        CarriedHeaders.of(exchange).forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (name.equals(CarriedHeaders.CONTENT_TYPE)) {
                properties.setContentType(value);
            } else if (!CarriedHeaders.isReserved(name)) {
                properties.setHeader(name, value);
            }
        });
        for (String name : ENVELOPE) {
            Object value = message.getHeader(name);
            if (value != null) {
                properties.setHeader(name, String.valueOf(value));
            }
        }
        return properties;
    }

    @Override
    public Map<String, Object> fromMessageProperties(MessageProperties properties, Exchange exchange) {
        return delivered.fromMessageProperties(properties, exchange);
    }

    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy strategy) {
        delivered.setHeaderFilterStrategy(strategy);
    }
}
