package io.unikernal.adapter.mqtt;

import io.unikernal.runtime.JsonBodyNormalizer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.PahoMessage;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Message;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Turns a received MQTT message into a UDM message: the JSON payload becomes the body, the topic it matched, its QoS
 * and its retained flag become the headers {@value MqttAdapter#TOPIC_HEADER}, {@value MqttAdapter#QOS_HEADER} and
 * {@value MqttAdapter#RETAINED_HEADER}. For MQTT 5 the user properties become headers (except {@code Udm*}, which
 * only the kernel sets, and {@code Camel*}, which would steer Camel's producers), and the correlation data, when it
 * is a well-formed id, becomes the correlation id. Then the kernel's JSON normaliser sets the envelope and parses the
 * body (a malformed body fails the message with its position: the route's dead letter takes it).
 */
public final class MqttInbound implements Processor {

    /** The user property or header name a correlation id is adopted from (the kernel's, as over HTTP). */
    static final String CORRELATION_HEADER = JsonBodyNormalizer.CORRELATION_HEADER;

    private final JsonBodyNormalizer json;

    public MqttInbound(String source) {
        this.json = new JsonBodyNormalizer(source);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        Object topic = in.getHeader("CamelMqttTopic");
        Object qos = in.getHeader("CamelMqttQoS");
        boolean retained = false;
        MqttProperties properties = null;
        if (in instanceof PahoMqtt5Message v5 && v5.getMqttMessage() != null) {
            retained = v5.getMqttMessage().isRetained();
            properties = v5.getMqttMessage().getProperties();
        } else if (in instanceof PahoMessage v3 && v3.getMqttMessage() != null) {
            retained = v3.getMqttMessage().isRetained();
        }
        in.getHeaders().keySet().removeIf(MqttInbound::isCamels);
        if (properties != null) {
            for (UserProperty property : properties.getUserProperties()) {
                if (property.getKey() != null && !isCamels(property.getKey())) {
                    in.setHeader(property.getKey(), property.getValue());
                }
            }
            String correlation = utf8(properties.getCorrelationData());
            if (correlation != null && in.getHeader(CORRELATION_HEADER) == null) {
                in.setHeader(CORRELATION_HEADER, correlation);
            }
        }
        in.setHeader(MqttAdapter.TOPIC_HEADER, topic);
        in.setHeader(MqttAdapter.QOS_HEADER, qos);
        in.setHeader(MqttAdapter.RETAINED_HEADER, retained);
        json.process(exchange);
    }

    private static boolean isCamels(String name) {
        return name.regionMatches(true, 0, "Camel", 0, 5);
    }

    /** The bytes as text when they are UTF-8, else null (the kernel then draws a fresh id). */
    private static String utf8(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
