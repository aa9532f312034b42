package io.unikernal.adapter.mqtt;

import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Prepares a publish: the body as JSON bytes (a String or byte[] body as it is), and for MQTT 5 the message's
 * properties — the UDM envelope ({@code Udm*} headers) as user properties, the correlation id also as correlation
 * data, content type {@code application/json}. No other header travels: MQTT 3.1.1 has none, and over MQTT 5 only
 * the envelope is sent, so a caller's credentials or Camel's internal headers never reach the broker. Headers that
 * would steer Camel's Paho producer ({@code CamelPaho*}: topic, QoS, retain, properties) are removed first: the topic
 * and QoS are the use's (the topic unless a translation set {@link #TOPIC_PROPERTY}). {@link MqttOutboundDone} gives the route its message back after the publish.
 */
public final class MqttOutbound implements Processor {

    /**
     * Exchange property a section (a translation) sets, on purpose, to publish this message to another topic than the
     * use's: a topic it derived and checked itself (no wildcards, no empty level). Callers cannot set a property.
     */
    public static final String TOPIC_PROPERTY = "UnikernalMqttTopic";

    /** Exchange property: the body before the publish, restored after it. */
    static final String ROUTE_BODY = "UnikernalMqttRouteBody";
    static final String CONTENT_TYPE = "application/json";

    private boolean properties;

    /** True for MQTT 5: the envelope goes out as the message's properties. */
    public void setMqtt5(boolean mqtt5) {
        this.properties = mqtt5;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (exchange.getProperty(ROUTE_BODY) == null && body != null) {
            exchange.setProperty(ROUTE_BODY, body);
        }
        message.getHeaders().keySet().removeIf(name -> name.regionMatches(true, 0, "CamelPaho", 0, 9));
        String topic = exchange.getProperty(TOPIC_PROPERTY, String.class);
        if (topic != null) {
            message.setHeader(properties ? PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC
                    : org.apache.camel.component.paho.PahoConstants.CAMEL_PAHO_OVERRIDE_TOPIC, topic);
        }
        boolean text = !(body instanceof byte[]);
        message.setBody(payload(body));
        if (properties) {
            message.setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, properties(message, text));
        }
    }

    private static byte[] payload(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        String json = body instanceof String s ? s : StrictJson.write(body);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static MqttProperties properties(Message message, boolean text) {
        MqttProperties properties = new MqttProperties();
        List<UserProperty> envelope = new ArrayList<>();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            if (UdmHeaders.isKernelOwned(header.getKey()) && header.getValue() != null) {
                envelope.add(new UserProperty(header.getKey(), String.valueOf(header.getValue())));
            }
        }
        properties.setUserProperties(envelope);
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            properties.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        }
        properties.setContentType(CONTENT_TYPE);
        // the payload format indicator says "UTF-8 text": true for JSON we wrote, unknown for bytes as they came
        properties.setPayloadFormat(text);
        return properties;
    }
}
