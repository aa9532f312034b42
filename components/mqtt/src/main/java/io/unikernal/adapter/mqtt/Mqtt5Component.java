package io.unikernal.adapter.mqtt;

import java.util.Map;
import java.util.UUID;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5ComponentConfigurer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5EndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * camel-paho-mqtt5's component with one fix to its consumer: Camel's {@code PahoMqtt5Consumer} connects its client
 * before it sets the client's callback, so the messages a broker hands over right at connect — those it queued for a
 * persistent session while the app was away — reach a client without a callback, which drops them (unacknowledged:
 * the broker keeps them in flight until the next connection). Here the consumer gets a client that connects only once
 * its callback is set ({@link SessionClient}); everything else is Camel's consumer, endpoint and producer as they
 * are. Endpoint and component options are bound by Camel's generated configurers.
 */
public class Mqtt5Component extends PahoMqtt5Component {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SubscribingEndpoint endpoint = new SubscribingEndpoint(uri, remaining, this, getConfiguration().copy());
        endpoint.setClient(getClient());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return new PahoMqtt5ComponentConfigurer();
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return new PahoMqtt5EndpointConfigurer();
    }

    /** Camel's endpoint, whose consumers own a {@link SessionClient}. */
    static final class SubscribingEndpoint extends PahoMqtt5Endpoint {

        SubscribingEndpoint(String uri, String topic, PahoMqtt5Component component,
                PahoMqtt5Configuration configuration) {
            super(uri, topic, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            OwnClientConsumer consumer = new OwnClientConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }

        MqttConnectionOptions connectionOptions() {
            return createMqttConnectionOptions();
        }
    }

    /**
     * Camel's consumer on a client of its own that it hands to Camel before start (so Camel neither creates nor
     * connects one), and disconnects when it stops.
     */
    static final class OwnClientConsumer extends PahoMqtt5Consumer {
        private SessionClient own;

        OwnClientConsumer(SubscribingEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void doStart() throws Exception {
            SubscribingEndpoint endpoint = (SubscribingEndpoint) getEndpoint();
            PahoMqtt5Configuration configuration = endpoint.getConfiguration();
            String id = configuration.getClientId() != null ? configuration.getClientId()
                    : "unikernal-" + UUID.randomUUID();
            own = new SessionClient(configuration.getBrokerUrl(), id, endpoint.connectionOptions());
            own.setManualAcks(configuration.isManualAcksEnabled());
            setClient(own);
            super.doStart();
        }

        /** Disconnects first, so no message arrives while Camel stops the consumer; a clean session unsubscribes. */
        @Override
        protected void doStop() throws Exception {
            SessionClient client = own;
            own = null;
            if (client != null) {
                try {
                    if (client.isConnected()) {
                        if (getEndpoint().getConfiguration().isCleanStart()) {
                            client.unsubscribe(getEndpoint().getTopic());
                        }
                        client.disconnect();
                    }
                } finally {
                    client.close();
                }
            }
            super.doStop();
        }
    }

    /** A Paho client that connects when its callback is set, so nothing can arrive before there is a callback. */
    static final class SessionClient extends MqttClient {
        private final MqttConnectionOptions options;

        SessionClient(String broker, String clientId, MqttConnectionOptions options) throws MqttException {
            super(broker, clientId, new MemoryPersistence());
            this.options = options;
        }

        @Override
        public void setCallback(MqttCallback callback) {
            super.setCallback(callback);
            if (!isConnected()) {
                try {
                    connect(options);
                } catch (MqttException e) {
                    throw new IllegalStateException("cannot connect client " + getClientId() + " to "
                            + getServerURI() + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
