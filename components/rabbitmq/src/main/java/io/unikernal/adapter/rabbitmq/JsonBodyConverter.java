package io.unikernal.adapter.rabbitmq;

import io.unikernal.runtime.StrictJson;
import java.nio.charset.StandardCharsets;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Bodies between a route and RabbitMQ: a route's payload (a Map, List or scalar) is published as UTF-8 JSON, text as
 * UTF-8, bytes as they are; a delivered message reaches the route as its bytes, which the source's normalizer parses
 * as JSON. The exchange's body is never changed by a publish, so the steps after a {@code to} see the payload.
 */
public final class JsonBodyConverter implements MessageConverter {

    static final String JSON = "application/json";

    @Override
    public Message toMessage(Object body, MessageProperties properties) {
        byte[] bytes;
        if (body instanceof byte[] raw) {
            bytes = raw;
        } else if (body instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = StrictJson.write(body).getBytes(StandardCharsets.UTF_8);
        }
        if (properties.getContentType() == null
                || MessageProperties.DEFAULT_CONTENT_TYPE.equals(properties.getContentType())) {
            properties.setContentType(JSON);
        }
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setContentLength(bytes.length);
        return new Message(bytes, properties);
    }

    @Override
    public Object fromMessage(Message message) {
        return message.getBody();
    }
}
