package io.unikernal.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.impl.NatsMessage;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.server.PrivateNats;
import io.unikernal.testkit.server.RestartableServer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;

/**
 * Feeds a {@code nats} source as a NATS requester does: a request with the correlation id in its headers, sent again
 * only while no subscriber takes it (NATS answers "no responders" at once: the app's subscription is not there yet,
 * e.g. right after a server restart) or while the client is reconnecting — never after a timeout, when the route may
 * have had it. Returns the reply.
 */
final class RequestPeer implements SourcePeer {

    private static final Duration REPLY_WITHIN = Duration.ofSeconds(20);

    private final String servers;
    private final PrivateNats owned;
    private final Connection connection;
    private final String subject = NatsTestServers.unique("contract") + ".requests";

    RequestPeer(String servers, PrivateNats owned) {
        this.servers = servers;
        this.owned = owned;
        this.connection = NatsTestServers.connect(servers);
    }

    /** On the machine's server. */
    static RequestPeer shared() {
        return new RequestPeer(NatsTestServers.MACHINE, null);
    }

    /** On a private server the restart cases stop and start. */
    static RequestPeer onPrivateServer() {
        PrivateNats server = PrivateNats.launch();
        return new RequestPeer(server.url(), server);
    }

    @Override
    public String system() {
        return "{adapter: nats, servers: \"" + servers + "\", subject: " + subject + "}";
    }

    @Override
    public Optional<RestartableServer> server() {
        return Optional.ofNullable(owned);
    }

    @Override
    public Received send(CamelContext app, ContractMessage message) {
        Message request = NatsMessage.builder().subject(subject).headers(NatsWire.headers(message))
                .data(NatsWire.body(message)).build();
        AtomicReference<Message> reply = new AtomicReference<>();
        Awaitility.await("a subscriber of " + subject + " to take the request").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    try {
                        reply.set(connection.requestWithTimeout(request, REPLY_WITHIN)
                                .get(REPLY_WITHIN.toMillis() + 1000, TimeUnit.MILLISECONDS));
                        return true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof JetStreamStatusException) {
                            return false; // no responders: nobody had it
                        }
                        throw e;
                    } catch (IllegalStateException reconnecting) {
                        return false; // not sent at all
                    }
                });
        return NatsWire.received(reply.get().getData(), reply.get().getHeaders());
    }

    @Override
    public void close() throws Exception {
        connection.close();
        if (owned != null) {
            owned.close();
        }
    }
}
