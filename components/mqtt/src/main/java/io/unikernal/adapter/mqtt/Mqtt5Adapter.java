package io.unikernal.adapter.mqtt;

import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code mqtt}: an MQTT 5 broker (camel-paho-mqtt5). The envelope travels with each message: the correlation id as
 * MQTT 5 correlation data, the UDM headers ({@code UdmCorrelationId}, {@code UdmSchema}, {@code UdmSchemaVersion},
 * ...) as user properties, and the content type {@code application/json}. A subscription acknowledges a QoS 1
 * message only once the route finished it (Paho's manual acks).
 */
public final class Mqtt5Adapter extends MqttAdapter {

    /** MQTT 5 ends a session when its client disconnects unless the client asks the broker to keep it. */
    static final Option<Duration> SESSION_EXPIRY = Option.duration("sessionExpiry").defaultValue(Duration.ofDays(7))
            .description("How long the broker keeps a persistent session (its subscription and queued messages)"
                    + " after the app disconnected; written as a value, not a reference.")
            .example("7d");
    /** The largest session expiry MQTT 5 can say (0xFFFFFFFF seconds means never). */
    private static final long MAX_EXPIRY_SECONDS = 0xFFFFFFFEL;

    private static final AdapterInfo INFO = new AdapterInfo("mqtt",
            "Subscribes to and publishes on an MQTT 5 broker (camel-paho-mqtt5): QoS 0/1/2, retained messages,"
                    + " wildcards, persistent sessions, the envelope as user properties.",
            "io.unikernal:unikernal-components-mqtt");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    protected Class<?> componentType() {
        return Mqtt5Component.class;
    }

    @Override
    protected String protocol() {
        return "5";
    }

    @Override
    protected Set<Capability> headerCapabilities() {
        return Set.of(Capability.NATIVE_HEADERS);
    }

    @Override
    protected List<Option<?>> extraSourceOptions() {
        return List.of(SESSION_EXPIRY);
    }

    @Override
    protected void checkSourceUse(EndpointRef use, Problems problems) {
        OptionValue expiry = use.option(SESSION_EXPIRY.name());
        if (expiry != null && expiry.value() instanceof String text && References.containsReference(text)) {
            problems.error(referenceNotAllowed, expiry.pos(), "sessionExpiry is the reference " + text
                    + ", but the session's expiry is fixed when the app is compiled", "write a duration, e.g. 7d");
        }
    }

    /**
     * Manual acks at QoS 0 and 1: Paho then sends a QoS 1 PUBACK when the exchange completes (delivered or
     * dead-lettered), none before, so a message the app had not finished when it died comes again on the next
     * connection of a persistent session.
     */
    @Override
    protected void sessionParams(EndpointUri uri, EndpointRef use, boolean persistent) {
        uri.param("cleanStart", !persistent);
        if (persistent) {
            Duration expiry = SESSION_EXPIRY.of(use);
            uri.param("sessionExpiryInterval", Math.min(MAX_EXPIRY_SECONDS, Math.max(1, expiry.toSeconds())));
        }
        // at QoS 2 Paho confirms receipt (PUBREC) before the route runs and answers PUBREL by itself: manual acks
        // would add nothing, and in Paho 1.2.5 they leave the subscription stalled after a broker restart
        uri.param("manualAcksEnabled", !"2".equals(QOS.text(use)));
    }
}
