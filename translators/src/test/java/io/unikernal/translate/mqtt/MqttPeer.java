package io.unikernal.translate.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain MQTT 5 client of the tests (Paho), as another program meets the broker: a clean session of its own. */
final class MqttPeer implements AutoCloseable {

    /** One message as the client got it. */
    record Got(String topic, String payload, int qos, boolean retained, String correlation, String contentType) {
    }

    private final MqttClient client;
    private final List<Got> received = new CopyOnWriteArrayList<>();

    MqttPeer(String url) throws Exception {
        client = new MqttClient(url, "uk-mqtt-http-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Got(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.getQos(), message.isRetained(), text(message.getProperties().getCorrelationData()),
                        message.getProperties().getContentType()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        client.connect(options);
    }

    static MqttPeer local() throws Exception {
        return new MqttPeer("tcp://127.0.0.1:1883");
    }

    void subscribe(String filter, int qos) throws Exception {
        client.subscribe(filter, qos);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    void publish(String topic, String payload, int qos, boolean retain, String correlation) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retain, null);
        MqttProperties properties = new MqttProperties();
        if (correlation != null) {
            properties.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        }
        message.setProperties(properties);
        client.publish(topic, message);
    }

    /** Removes a retained message the test left on a topic of the machine's broker. */
    void clearRetained(String topic) throws Exception {
        client.publish(topic, new MqttMessage(new byte[0], 1, true, null));
    }

    List<Got> received() {
        return List.copyOf(received);
    }

    void forget() {
        received.clear();
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
