package io.unikernal.translate.mqtt;

import io.unikernal.adapter.mqtt.MqttOutbound;
import io.unikernal.translate.spi.TranslationMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The answer once the broker took the message (Paho's publish returned: at QoS 1 after PUBACK, at QoS 2 after
 * PUBCOMP, at QoS 0 once written): 202 with {@code {"topic", "qos", "retained"}}; counted in
 * {@link TranslationMetrics} under the template and 202.
 */
public final class MqttPublishReply implements org.apache.camel.Processor {

    private String template;
    private int qos;
    private boolean retain;

    public void setTemplate(String template) {
        this.template = template;
    }

    public void setQos(int qos) {
        this.qos = qos;
    }

    public void setRetain(boolean retain) {
        this.retain = retain;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", exchange.getProperty(MqttOutbound.TOPIC_PROPERTY, String.class));
        body.put("qos", qos);
        body.put("retained", retain);
        message.setBody(body);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        TranslationMetrics.record(exchange, template, 202);
    }
}
