package io.unikernal.adapter.mqtt;

import java.util.Map;
import java.util.UUID;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.PahoComponent;
import org.apache.camel.component.paho.PahoComponentConfigurer;
import org.apache.camel.component.paho.PahoConfiguration;
import org.apache.camel.component.paho.PahoConsumer;
import org.apache.camel.component.paho.PahoEndpoint;
import org.apache.camel.component.paho.PahoEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * camel-paho's component with the fix {@link Mqtt5Component} describes, for MQTT 3.1.1: Camel's {@code PahoConsumer}
 * connects before it sets the callback, and a Paho 3 client without a callback drops <em>and acknowledges</em> what
 * arrives, so the messages a broker queued for a persistent session were lost at every start. Here the consumer's
 * client connects once its callback is set.
 */
public class Mqtt3Component extends PahoComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SubscribingEndpoint endpoint = new SubscribingEndpoint(uri, remaining, this, getConfiguration().copy());
        endpoint.setClient(getClient());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return new PahoComponentConfigurer();
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return new PahoEndpointConfigurer();
    }

    /** Camel's endpoint, whose consumers own a {@link SessionClient}. */
    static final class SubscribingEndpoint extends PahoEndpoint {

        SubscribingEndpoint(String uri, String topic, PahoComponent component, PahoConfiguration configuration) {
            super(uri, topic, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            OwnClientConsumer consumer = new OwnClientConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }

        MqttConnectOptions connectOptions() {
            return createMqttConnectOptions(getConfiguration());
        }
    }

    /** Camel's consumer on a client of its own, handed to Camel before start and disconnected when it stops. */
    static final class OwnClientConsumer extends PahoConsumer {
        private SessionClient own;

        OwnClientConsumer(SubscribingEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void doStart() throws Exception {
            SubscribingEndpoint endpoint = (SubscribingEndpoint) getEndpoint();
            PahoConfiguration configuration = endpoint.getConfiguration();
            String id = configuration.getClientId() != null ? configuration.getClientId()
                    : "unikernal-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            own = new SessionClient(configuration.getBrokerUrl(), id, endpoint.connectOptions());
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
                        if (getEndpoint().getConfiguration().isCleanSession()) {
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
        private final MqttConnectOptions options;

        SessionClient(String broker, String clientId, MqttConnectOptions options) throws MqttException {
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
