package io.unikernal.adapter.mqtt;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;

/** After a publish: the route's message as it was before {@link MqttOutbound} (a one-way call changes nothing). */
public final class MqttOutboundDone implements Processor {

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.removeProperty(MqttOutbound.ROUTE_BODY);
        if (body != null) {
            exchange.getMessage().setBody(body);
        }
        exchange.getMessage().removeHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES);
    }
}
