package io.unikernal.adapter.redis.streams;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultProducer;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * Appends the message to the stream ({@code XADD}): the body as the payload field, and as further fields each header
 * the endpoint's header filter lets through (as text). With a {@code maxLength} the stream is trimmed in the same
 * command. The new entry's id is set as {@link RedisStreamsConstants#ENTRY_ID}. A failure (the server down, a reply
 * that is an error) is the exchange's exception: the route's retry and dead letter apply.
 */
public class RedisStreamsProducer extends DefaultProducer {

    private final RedisStreamsEndpoint endpoint;

    public RedisStreamsProducer(RedisStreamsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, String> fields = new LinkedHashMap<>();
        HeaderFilterStrategy filter = endpoint.getHeaderFilterStrategy();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            Object value = header.getValue();
            if (value != null && !header.getKey().equals(endpoint.getPayloadField())
                    && !filter.applyFilterToCamelHeaders(header.getKey(), value, exchange)) {
                fields.put(header.getKey(), text(exchange, value));
            }
        }
        Object body = message.getBody();
        fields.put(endpoint.getPayloadField(), body == null ? "" : text(exchange, body));
        XAddParams params = XAddParams.xAddParams().id(StreamEntryID.NEW_ENTRY);
        if (endpoint.getMaxLength() > 0) {
            params.maxLen(endpoint.getMaxLength());
            if (endpoint.isApproximateTrim()) {
                params.approximateTrimming();
            } else {
                params.exactTrimming();
            }
        }
        StreamEntryID id = endpoint.getConnection().client().xadd(endpoint.getStream(), params, fields);
        message.setHeader(RedisStreamsConstants.ENTRY_ID, id.toString());
    }

    private static String text(Exchange exchange, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        String converted = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value);
        return converted != null ? converted : String.valueOf(value);
    }
}
