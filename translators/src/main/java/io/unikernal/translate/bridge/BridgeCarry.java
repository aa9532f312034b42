package io.unikernal.translate.bridge;

import io.unikernal.runtime.CarriedHeaders;
import io.unikernal.runtime.JsonBodyNormalizer;
import io.unikernal.runtime.JsonMediaType;
import io.unikernal.runtime.MessageRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * What a bridge carries from the message it consumed to the one it publishes, besides the body and the envelope: the
 * content type, the headers of its allow-list ({@code carryHeaders}) and, Kafka to RabbitMQ with
 * {@code routingKeyFromKey}, the record's key as the routing key. It runs before the source's normalizer, on the
 * message as delivered: it puts what is carried in the exchange's {@link CarriedHeaders} map, which the target
 * publishes (as AMQP headers and {@code content_type}, or as record headers and {@code content-type}); a content type
 * that is not JSON marks the body to be kept as received ({@link JsonBodyNormalizer#KEEP_BODY_PROPERTY}), so it is
 * forwarded as its bytes rather than refused. What a sender cannot set this way: the allow-list holds no reserved
 * name (the envelope's, Camel's: checked at compile time and again by the targets).
 */
public final class BridgeCarry implements Processor {

    /** Camel's spring-rabbitmq headers: the delivered content type, the routing key a publish uses instead. */
    static final String AMQP_CONTENT_TYPE = "CamelSpringRabbitmqContentType";
    static final String ROUTING_KEY_OVERRIDE = "CamelSpringRabbitmqRoutingOverrideKey";
    /** Camel's kafka header of the consumed record's key. */
    static final String KAFKA_KEY = "kafka.KEY";
    /** AMQP's short strings (content_type, the routing key) hold at most 255 bytes. */
    private static final int SHORT_STRING = 255;

    private boolean fromKafka;
    private List<String> headers = List.of();
    private boolean routingKeyFromKey;

    /** The protocol consumed: {@code kafka} (the content type in a {@code content-type} record header) or amqp. */
    public void setSource(String protocol) {
        this.fromKafka = "kafka".equals(protocol);
    }

    /** The allow-list, comma-separated. */
    public void setHeaders(String names) {
        List<String> list = new ArrayList<>();
        for (String name : names.split(",")) {
            if (!name.isBlank() && !CarriedHeaders.isReserved(name.strip())) {
                list.add(name.strip());
            }
        }
        this.headers = List.copyOf(list);
    }

    public void setRoutingKeyFromKey(boolean routingKeyFromKey) {
        this.routingKeyFromKey = routingKeyFromKey;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, String> carried = new LinkedHashMap<>();
        String contentType = text(message.getHeader(fromKafka ? CarriedHeaders.CONTENT_TYPE : AMQP_CONTENT_TYPE));
        if (contentType != null) {
            if (!isShortString(contentType) || contentType.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new MessageRejectedException("the message's content type cannot be carried", List.of(
                        "a content type is at most 255 bytes of printable text"));
            }
            carried.put(CarriedHeaders.CONTENT_TYPE, contentType);
            if (!JsonMediaType.isJson(contentType)) {
                exchange.setProperty(JsonBodyNormalizer.KEEP_BODY_PROPERTY, true);
            }
        }
        for (String name : headers) {
            String value = text(message.getHeader(name));
            if (value != null) {
                carried.put(name, value);
            }
        }
        if (routingKeyFromKey) {
            String key = text(message.getHeader(KAFKA_KEY));
            if (key != null) {
                if (!isShortString(key)) {
                    throw new MessageRejectedException("the record's key is too long for an AMQP routing key",
                            List.of("a routing key is at most 255 bytes"));
                }
                message.setHeader(ROUTING_KEY_OVERRIDE, key);
            }
        }
        exchange.setProperty(CarriedHeaders.PROPERTY, carried);
    }

    private static boolean isShortString(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length <= SHORT_STRING;
    }

    /** A header as text: Kafka's are bytes (UTF-8), AMQP's strings or numbers. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
