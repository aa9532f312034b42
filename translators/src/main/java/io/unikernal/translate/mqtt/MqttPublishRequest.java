package io.unikernal.translate.mqtt;

import io.unikernal.adapter.mqtt.MqttOutbound;
import io.unikernal.runtime.JsonBodyParser;
import io.unikernal.runtime.MessageRejectedException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;

/**
 * Which topic an HTTP request publishes to ({@link TopicTemplate}, from the raw request path under the
 * translation's), set for the mqtt target as {@link MqttOutbound#TOPIC_PROPERTY}; the body goes out as the caller
 * sent it (the http source's normaliser already refused what is not JSON). Only POST publishes: another verb is 405.
 */
public final class MqttPublishRequest implements org.apache.camel.Processor {

    /** Exchange property: the topic published to, for the reply. */
    static final String TOPIC_PROPERTY = MqttOutbound.TOPIC_PROPERTY;

    private volatile TopicTemplate template;
    private String topic;

    /** The topic template ({@link TopicTemplate}), checked when the app was compiled. */
    public void setTopic(String topic) {
        this.topic = topic;
        this.template = TopicTemplate.of(topic);
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String verb = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"POST".equals(verb)) {
            throw new MessageRejectedException(405, verb + " is not served here: POST the message to publish it",
                    List.of());
        }
        exchange.setProperty(MqttOutbound.TOPIC_PROPERTY, template.topic(rest(exchange, message)));
        Object raw = exchange.getProperty(JsonBodyParser.RAW_PAYLOAD);
        if (raw instanceof String text) {
            message.setBody(text);
        }
    }

    /**
     * The request path under the translation's, as the request line wrote it (still percent-encoded, so an encoded
     * '/' stays inside its segment), without the query and the slashes that join it to the base.
     */
    private static String rest(Exchange exchange, Message message) {
        String uri = message.getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            uri = message.getHeader(Exchange.HTTP_PATH, String.class);
        }
        int query = uri == null ? -1 : uri.indexOf('?');
        String path = uri == null ? "" : query >= 0 ? uri.substring(0, query) : uri;
        String base = exchange.getFromEndpoint() instanceof PlatformHttpEndpoint http ? http.getPath() : "";
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        if (!(path + "/").startsWith(base)) {
            throw new MessageRejectedException(400, "the path cannot be a topic", List.of("the request path is"
                    + " not written in its plain form under " + base));
        }
        return path.length() <= base.length() ? "" : path.substring(base.length());
    }

    @Override
    public String toString() {
        return "publish to " + topic;
    }
}
