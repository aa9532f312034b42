package io.unikernal.translate.mqtt;

import io.unikernal.adapter.mqtt.MqttAdapter;
import io.unikernal.runtime.JsonBodyParser;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.idempotency.OutboundIdempotencyKey;
import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a received MQTT message into its webhook call: {@code POST} of the payload as it was published (it is JSON:
 * the mqtt source's normaliser refused anything else), the path from the translation's template, and these headers
 * only — {@value #TOPIC}, {@value #QOS}, {@value #RETAINED}, {@code X-Correlation-Id}, {@code Idempotency-Key} (the
 * same on every retry of the message), the UDM envelope ({@code Udm*}) and {@code Content-Type: application/json}.
 * MQTT 5 user properties and every other header stay behind, so nothing reaches the webhook unless mapped here.
 */
public final class WebhookRequest implements Processor {

    /** The topic the message was published to, its levels percent-encoded ({@link TopicLevels}). */
    public static final String TOPIC = "X-Mqtt-Topic";
    /** The QoS the message was delivered with (0, 1 or 2). */
    public static final String QOS = "X-Mqtt-Qos";
    /** {@code true} when the broker handed over a retained message. */
    public static final String RETAINED = "X-Mqtt-Retained";
    public static final String CORRELATION = "X-Correlation-Id";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private String filter;
    private String path;

    /** The topic filter subscribed to (its wildcards feed the path's placeholders). */
    public void setFilter(String filter) {
        this.filter = filter;
    }

    /** The path template ({@link WebhookPath}); none: the target's URL as it is. */
    public void setPath(String path) {
        this.path = path;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String topic = message.getHeader(MqttAdapter.TOPIC_HEADER, String.class);
        Object qos = message.getHeader(MqttAdapter.QOS_HEADER);
        Object retained = message.getHeader(MqttAdapter.RETAINED_HEADER);
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        Object raw = exchange.getProperty(JsonBodyParser.RAW_PAYLOAD);
        message.getHeaders().keySet().removeIf(name -> !name.startsWith("Udm"));
        message.setBody(raw instanceof String text ? text : StrictJson.write(message.getBody()));
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (path != null && topic != null) {
            message.setHeader(Exchange.HTTP_PATH, WebhookPath.render(path, filter, topic));
        }
        if (topic != null) {
            message.setHeader(TOPIC, TopicLevels.encode(TopicLevels.of(topic)));
        }
        message.setHeader(QOS, String.valueOf(qos));
        message.setHeader(RETAINED, String.valueOf(Boolean.TRUE.equals(retained)));
        if (correlation != null) {
            message.setHeader(CORRELATION, correlation);
            // the webhook's response replaces the headers; the dead-letter record still needs the id
            exchange.setProperty(UdmHeaders.CORRELATION_ID, correlation);
        }
        String key = OutboundIdempotencyKey.of(exchange);
        if (key != null) {
            message.setHeader(IDEMPOTENCY_KEY, key);
        }
    }
}
