package io.unikernal.adapter.mqtt;

import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.udl.model.EndpointRef;
import java.util.Set;

/**
 * {@code mqtt3}: an MQTT 3.1.1 broker (camel-paho). MQTT 3.1.1 has no headers or properties: only the body
 * travels, so this adapter declares no {@link Capability#NATIVE_HEADERS} — a received message gets a fresh
 * correlation id, and a published one loses its envelope. Paho acknowledges a message when the route returns
 * (camel-paho has no manual acks), whether the route delivered it, dead-lettered it or failed.
 */
public final class Mqtt3Adapter extends MqttAdapter {

    private static final AdapterInfo INFO = new AdapterInfo("mqtt3",
            "Subscribes to and publishes on an MQTT 3.1.1 broker (camel-paho): QoS 0/1/2, retained messages,"
                    + " wildcards, persistent sessions; the body only (MQTT 3.1.1 has no headers).",
            "io.unikernal:unikernal-components-mqtt");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    protected Class<?> componentType() {
        return Mqtt3Component.class;
    }

    @Override
    protected String protocol() {
        return "3";
    }

    @Override
    protected Set<Capability> headerCapabilities() {
        return Set.of();
    }

    /** MQTT 3.1.1 keeps a session (clean session 0) until the broker's own expiry, if it has one. */
    @Override
    protected void sessionParams(EndpointUri uri, EndpointRef use, boolean persistent) {
        uri.param("cleanSession", !persistent);
    }

    /**
     * Paho's own version negotiation would fall back to 3.1: 3.1.1 outright (protocol level 4); and room for the
     * publishes Paho still counts in flight after they returned.
     */
    @Override
    protected void componentProperties(java.util.Map<String, String> properties) {
        properties.put("mqttVersion", "4");
        // Paho 3 frees a publish's in-flight slot only after publish() returned: with Camel's default of 10 a busy
        // route's publishes failed now and then with "Too many publishes in progress" (32202)
        properties.put("maxInflight", "1000");
    }
}
