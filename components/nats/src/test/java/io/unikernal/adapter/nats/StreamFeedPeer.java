package io.unikernal.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.server.PrivateNats;
import io.unikernal.testkit.server.RestartableServer;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;

/**
 * Feeds a {@code nats-jetstream} source as a JetStream producer does: a stream of the test's own (made before the
 * app, so the system uses it as it is), each message published with the stream's acknowledgement awaited and its id
 * as {@code Nats-Msg-Id}, so a publish sent again after a lost acknowledgement is stored once. Works while the app
 * is stopped: the stream keeps the messages.
 */
final class StreamFeedPeer implements SourcePeer {

    private final String servers;
    private final PrivateNats owned;
    private final StreamCapture stream;
    private final Connection connection;

    private StreamFeedPeer(String servers, PrivateNats owned, StorageType storage) {
        this.servers = servers;
        this.owned = owned;
        this.connection = NatsTestServers.connect(servers);
        String name = NatsTestServers.unique("CONTRACT");
        this.stream = new StreamCapture(NatsTestServers.connect(servers), name, name + ".in", storage);
    }

    static StreamFeedPeer shared() {
        return new StreamFeedPeer(NatsTestServers.MACHINE, null, StorageType.Memory);
    }

    /** On a private server the restart cases stop and start; its stream is kept on file. */
    static StreamFeedPeer onPrivateServer() {
        PrivateNats server = PrivateNats.launch();
        return new StreamFeedPeer(server.url(), server, StorageType.File);
    }

    String subject() {
        return stream.stream() + ".in";
    }

    @Override
    public String system() {
        return "{adapter: nats-jetstream, servers: \"" + servers + "\", stream: " + stream.stream() + ", subject: "
                + subject() + ", createStream: false}";
    }

    /** Messages delivered again (an app stopped mid-message) are delivered after a short wait in these tests. */
    @Override
    public String use() {
        return "redeliveryDelay: 100ms";
    }

    @Override
    public Optional<RestartableServer> server() {
        return Optional.ofNullable(owned);
    }

    @Override
    public Received send(CamelContext app, ContractMessage message) {
        Headers headers = NatsWire.headers(message).put(NatsHeaderFilter.MESSAGE_ID, message.id());
        NatsMessage publish = NatsMessage.builder().subject(subject()).headers(headers).data(NatsWire.body(message))
                .build();
        Awaitility.await("the stream to take " + message.id()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> connection.jetStream().publish(publish) != null);
        return null;
    }

    @Override
    public void close() throws Exception {
        connection.close();
        if (owned == null) {
            stream.close();
        } else {
            stream.disconnect();
            owned.close();
        }
    }
}
