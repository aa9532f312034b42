package io.unikernal.adapter.mqtt;

import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.net.SocketFactory;
import org.apache.camel.component.paho.PahoComponent;
import org.apache.camel.component.paho.PahoConfiguration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;

/**
 * The probe of an MQTT system: a connection of its own (a random client id, a clean session that ends with it) to
 * the system's broker with the system's credentials (and TLS sockets), within {@value #TIMEOUT_SECONDS} s, then a disconnect. Nothing
 * is subscribed or published.
 */
public class MqttProbe extends AbstractSystemProbe {

    static final int TIMEOUT_SECONDS = 5;

    private String protocol;
    private Object component;

    /** "5" or "3". */
    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    /** The system's Paho component (its configuration holds the broker URL and the credentials). */
    public void setComponent(Object component) {
        this.component = component;
    }

    @Override
    public ProbeResult check() {
        if (component instanceof PahoMqtt5Component v5) {
            PahoMqtt5Configuration c = v5.getConfiguration();
            return check5(c.getBrokerUrl(), c.getUserName(), c.getPassword(), c.getSocketFactory());
        }
        if (component instanceof PahoComponent v3) {
            PahoConfiguration c = v3.getConfiguration();
            return check3(c.getBrokerUrl(), c.getUserName(), c.getPassword(), c.getSocketFactory());
        }
        throw new IllegalStateException("the probe of " + this + " has no Paho component (protocol " + protocol + ")");
    }

    private static String clientId() {
        return "unikernal-probe-" + UUID.randomUUID();
    }

    /** {@code sockets}: the system's TLS socket factory, null for plain TCP. */
    static ProbeResult check5(String broker, String user, String password, SocketFactory sockets) {
        org.eclipse.paho.mqttv5.client.MqttConnectionOptions options =
                new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(TIMEOUT_SECONDS);
        options.setSocketFactory(sockets);
        if (user != null && !user.isEmpty()) {
            options.setUserName(user);
            if (password != null) {
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
        }
        org.eclipse.paho.mqttv5.client.MqttClient client = null;
        try {
            client = new org.eclipse.paho.mqttv5.client.MqttClient(broker, clientId(),
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            client.setTimeToWait(TIMEOUT_SECONDS * 1000L);
            client.connect(options);
            client.disconnect();
            return ProbeResult.up();
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return MqttFailures.classify(e, e.getReasonCode(), true, broker);
        } catch (IllegalArgumentException e) {
            return ProbeResult.misconfigured("broker address " + broker + " is not valid: " + e.getMessage(),
                    "check the host and port");
        } finally {
            close5(client);
        }
    }

    private static void close5(org.eclipse.paho.mqttv5.client.MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 0, false);
            }
            client.close();
        } catch (org.eclipse.paho.mqttv5.common.MqttException ignored) {
            // the probe's verdict stands; the client is discarded either way
        }
    }

    static ProbeResult check3(String broker, String user, String password, SocketFactory sockets) {
        org.eclipse.paho.client.mqttv3.MqttConnectOptions options =
                new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(TIMEOUT_SECONDS);
        options.setMqttVersion(org.eclipse.paho.client.mqttv3.MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setSocketFactory(sockets);
        if (user != null && !user.isEmpty()) {
            options.setUserName(user);
            if (password != null) {
                options.setPassword(password.toCharArray());
            }
        }
        org.eclipse.paho.client.mqttv3.MqttClient client = null;
        try {
            client = new org.eclipse.paho.client.mqttv3.MqttClient(broker, clientId(),
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            client.setTimeToWait(TIMEOUT_SECONDS * 1000L);
            client.connect(options);
            client.disconnect();
            return ProbeResult.up();
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            return MqttFailures.classify(e, e.getReasonCode(), false, broker);
        } catch (IllegalArgumentException e) {
            return ProbeResult.misconfigured("broker address " + broker + " is not valid: " + e.getMessage(),
                    "check the host and port");
        } finally {
            close3(client);
        }
    }

    private static void close3(org.eclipse.paho.client.mqttv3.MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 0);
            }
            client.close();
        } catch (org.eclipse.paho.client.mqttv3.MqttException ignored) {
            // the probe's verdict stands; the client is discarded either way
        }
    }
}
