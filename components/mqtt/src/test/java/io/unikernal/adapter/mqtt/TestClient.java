package io.unikernal.adapter.mqtt;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.Received;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain Paho client of the tests (MQTT 5 or 3.1.1), the way another program meets the broker: it publishes what a
 * source should receive and subscribes to what a target publishes. A subscriber with a persistent session and
 * automatic reconnect keeps its subscription over a broker restart.
 */
abstract class TestClient implements AutoCloseable {

    /** One message as the client got it. */
    record Got(String topic, byte[] payload, int qos, boolean retained, String correlationData,
            Map<String, String> userProperties, String contentType) {

        Object json() {
            return StrictJson.read(new String(payload, StandardCharsets.UTF_8), Object.class);
        }

        /** Decoded for the contract suite: the envelope from the MQTT 5 properties, where there are any. */
        Received received() {
            String correlation = correlationData != null ? correlationData : userProperties.get("UdmCorrelationId");
            return new Received(json(), correlation, userProperties.get("UdmSchema"),
                    userProperties.get("UdmSchemaVersion"), userProperties);
        }

        String id() {
            return json() instanceof Map<?, ?> map ? String.valueOf(map.get("id")) : null;
        }
    }

    final List<Got> received = new CopyOnWriteArrayList<>();

    /**
     * Keeps what arrived, except a message the broker re-sent with the DUP flag that this client already has: a
     * broker that stops before this client's PUBACK reached it sends the message again after its restart (QoS 1 at
     * this subscription, not the app's doing; a publisher's retry reaches subscribers without the flag).
     */
    void arrived(Got got, boolean duplicateFlag) {
        if (duplicateFlag && received.stream().anyMatch(g -> g.topic().equals(got.topic())
                && java.util.Arrays.equals(g.payload(), got.payload()))) {
            return;
        }
        received.add(got);
    }

    static TestClient connect(String protocol, String url, String clientId, boolean persistent) {
        String id = clientId != null ? clientId : "uk-test-" + UUID.randomUUID();
        try {
            return "5".equals(protocol) ? new V5(url, id, persistent) : new V3(url, id, persistent);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect a test client to " + url + ": " + e.getMessage(), e);
        }
    }

    /** Ends the session a persistent subscriber left at the broker (the machine's broker keeps them otherwise). */
    static void clearSession(String protocol, String url, String clientId) {
        try (TestClient clean = connect(protocol, url, clientId, false)) {
            // connecting with a clean session under the id discards the old one
        }
    }

    abstract void subscribe(String topic, int qos) throws Exception;

    abstract void publish(String topic, byte[] payload, int qos, boolean retain, String correlationData,
            Map<String, String> userProperties) throws Exception;

    void publishJson(String topic, Object body, int qos, String correlationData) throws Exception {
        publish(topic, StrictJson.write(body).getBytes(StandardCharsets.UTF_8), qos, false, correlationData, Map.of());
    }

    List<Got> received() {
        return List.copyOf(received);
    }

    List<Received> decoded() {
        return received.stream().map(Got::received).toList();
    }

    @Override
    public abstract void close();

    private static final class V5 extends TestClient {
        private final org.eclipse.paho.mqttv5.client.MqttClient client;

        V5(String url, String id, boolean persistent) throws Exception {
            client = new org.eclipse.paho.mqttv5.client.MqttClient(url, id,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                @Override
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                    org.eclipse.paho.mqttv5.common.packet.MqttProperties p = message.getProperties();
                    Map<String, String> user = new LinkedHashMap<>();
                    p.getUserProperties().forEach(u -> user.put(u.getKey(), u.getValue()));
                    byte[] correlation = p.getCorrelationData();
                    arrived(new Got(topic, message.getPayload(), message.getQos(), message.isRetained(),
                            correlation == null ? null : new String(correlation, StandardCharsets.UTF_8), user,
                            p.getContentType()), message.isDuplicate());
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                }

                @Override
                public void authPacketArrived(int reasonCode,
                        org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
                }
            });
            org.eclipse.paho.mqttv5.client.MqttConnectionOptions options =
                    new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
            options.setCleanStart(!persistent);
            options.setSessionExpiryInterval(persistent ? 600L : 0L);
            options.setAutomaticReconnect(true);
            options.setMaxReconnectDelay(1000);
            options.setConnectionTimeout(10);
            client.connect(options);
        }

        @Override
        void subscribe(String topic, int qos) throws Exception {
            client.subscribe(topic, qos);
        }

        @Override
        void publish(String topic, byte[] payload, int qos, boolean retain, String correlationData,
                Map<String, String> userProperties) throws Exception {
            org.eclipse.paho.mqttv5.common.MqttMessage message = new org.eclipse.paho.mqttv5.common.MqttMessage(payload);
            message.setQos(qos);
            message.setRetained(retain);
            org.eclipse.paho.mqttv5.common.packet.MqttProperties properties =
                    new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            if (correlationData != null) {
                properties.setCorrelationData(correlationData.getBytes(StandardCharsets.UTF_8));
            }
            List<org.eclipse.paho.mqttv5.common.packet.UserProperty> user = new ArrayList<>();
            userProperties.forEach((k, v) -> user.add(new org.eclipse.paho.mqttv5.common.packet.UserProperty(k, v)));
            properties.setUserProperties(user);
            message.setProperties(properties);
            client.publish(topic, message);
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                // a test client that cannot close cleanly changes no result
            }
        }
    }

    private static final class V3 extends TestClient {
        private final org.eclipse.paho.client.mqttv3.MqttClient client;

        V3(String url, String id, boolean persistent) throws Exception {
            client = new org.eclipse.paho.client.mqttv3.MqttClient(url, id,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    arrived(new Got(topic, message.getPayload(), message.getQos(), message.isRetained(), null,
                            Map.of(), null), message.isDuplicate());
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            org.eclipse.paho.client.mqttv3.MqttConnectOptions options =
                    new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            options.setCleanSession(!persistent);
            options.setAutomaticReconnect(true);
            options.setMaxReconnectDelay(1000);
            options.setConnectionTimeout(10);
            options.setMqttVersion(org.eclipse.paho.client.mqttv3.MqttConnectOptions.MQTT_VERSION_3_1_1);
            // Paho 3 frees an in-flight slot after the publish returned: a tight loop would hit its default of 10
            options.setMaxInflight(1000);
            client.connect(options);
        }

        @Override
        void subscribe(String topic, int qos) throws Exception {
            client.subscribe(topic, qos);
        }

        @Override
        void publish(String topic, byte[] payload, int qos, boolean retain, String correlationData,
                Map<String, String> userProperties) throws Exception {
            client.publish(topic, payload, qos, retain);
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // a test client that cannot close cleanly changes no result
            }
        }
    }
}
