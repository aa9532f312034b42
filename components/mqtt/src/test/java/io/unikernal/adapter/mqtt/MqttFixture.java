package io.unikernal.adapter.mqtt;

import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PrivateMosquitto;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;

/**
 * How the contract suite meets an MQTT broker: the machine's Mosquitto on 1883 with a topic and a client id unique to
 * each case (its session cleared afterwards), or a private Mosquitto for the restart cases. {@code protocol} is "5"
 * ({@code mqtt}) or "3" ({@code mqtt3}); the peers are plain Paho clients of that version.
 */
final class MqttFixture implements AdapterFixture {

    static final String MACHINE_BROKER = "tcp://127.0.0.1:1883";

    private final String adapter;
    private final String protocol;

    MqttFixture(String adapter, String protocol) {
        this.adapter = adapter;
        this.protocol = protocol;
    }

    @Override
    public String adapter() {
        return adapter;
    }

    @Override
    public SourcePeer sourcePeer(Path workDir) {
        return new Publisher(1883, null);
    }

    @Override
    public SourcePeer privateSourcePeer(Path workDir) {
        return new Publisher(0, PrivateMosquitto.launch());
    }

    @Override
    public TargetPeer targetPeer(Path workDir) throws Exception {
        return new Subscriber(1883, null);
    }

    @Override
    public TargetPeer privateTargetPeer(Path workDir) throws Exception {
        return new Subscriber(0, PrivateMosquitto.launch());
    }

    /** A host DNS never knows: retrying cannot mend it, so the start fails. */
    @Override
    public MisconfiguredPeer misconfigured(Path workDir) {
        return MisconfiguredPeer.of("{adapter: " + adapter + ", host: broker.uk-test.invalid}", "topic: uk/never",
                "unknown host broker.uk-test.invalid");
    }

    static String unique(String what) {
        return "uk-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes what the source should receive, with QoS 1 (and the correlation id as MQTT 5 correlation data). */
    private final class Publisher implements SourcePeer {
        private final PrivateMosquitto owned;
        private final String url;
        private final int port;
        private final String topic = "uk/contract/" + UUID.randomUUID();
        private final String clientId = unique("contract-source");
        private final TestClient client;

        Publisher(int port, PrivateMosquitto owned) {
            this.owned = owned;
            this.port = owned != null ? owned.port() : port;
            this.url = owned != null ? owned.url() : MACHINE_BROKER;
            this.client = TestClient.connect(protocol, url, null, false);
        }

        @Override
        public String system() {
            return "{adapter: " + adapter + ", port: " + port + "}";
        }

        @Override
        public String use() {
            return "topic: " + topic + ", clientId: " + clientId;
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.ofNullable(owned);
        }

        /** After a broker restart the client reconnects by itself: until then a publish is refused, not sent. */
        @Override
        public Received send(CamelContext app, ContractMessage message) {
            Awaitility.await("publishing " + message.id()).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                        client.publishJson(topic, message.body(), 1, "5".equals(protocol) ? message.correlationId()
                                : null);
                        return true;
                    });
            return null;
        }

        @Override
        public void close() {
            client.close();
            if (owned != null) {
                owned.close();
            } else {
                TestClient.clearSession(protocol, url, clientId);
            }
        }
    }

    /** Subscribes, before the app publishes, to the topic the target publishes to. */
    private final class Subscriber implements TargetPeer {
        private final PrivateMosquitto owned;
        private final String url;
        private final int port;
        private final String topic = "uk/contract/" + UUID.randomUUID();
        private final String clientId = unique("contract-target");
        private final TestClient client;

        /** On a private broker the subscription is persistent, so it outlives the broker's restart. */
        Subscriber(int port, PrivateMosquitto owned) throws Exception {
            this.owned = owned;
            this.port = owned != null ? owned.port() : port;
            this.url = owned != null ? owned.url() : MACHINE_BROKER;
            this.client = TestClient.connect(protocol, url, clientId, owned != null);
            client.subscribe(topic, 1);
        }

        @Override
        public String system() {
            return "{adapter: " + adapter + ", port: " + port + "}";
        }

        @Override
        public String use() {
            return "topic: " + topic;
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.ofNullable(owned);
        }

        @Override
        public List<Received> received() {
            return client.decoded();
        }

        @Override
        public void close() {
            client.close();
            if (owned != null) {
                owned.close();
            }
        }
    }
}
