package io.unikernal.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.spi.adapter.Capability;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.RestartableServer;
import io.unikernal.udl.testing.JsonComparison;
import java.nio.file.Path;
import java.util.List;
import org.awaitility.Awaitility;

/** The source cases: a route from {@code sut} to the probe {@code seen}, fed by the fixture's peer. */
final class SourceCases {

    private final AdapterFixture fixture;
    private final boolean scheduled;
    private final boolean nativeHeaders;
    private final Path workDir;

    SourceCases(AdapterFixture fixture, java.util.Set<Capability> capabilities, Path workDir) {
        this.fixture = fixture;
        this.scheduled = capabilities.contains(Capability.SCHEDULED);
        this.nativeHeaders = capabilities.contains(Capability.NATIVE_HEADERS);
        this.workDir = workDir;
    }

    /** In process, then from the emitted YAML: the route starts, one message passes, the app stops. */
    void openClose() throws Exception {
        String app = ContractUdl.appName("source-open");
        try (SourcePeer peer = fixture.sourcePeer(workDir)) {
            OpenClose.run(app, ContractUdl.source(app, peer), workDir, (context, run) -> {
                peer.started(context);
                if (scheduled) {
                    Awaitility.await("a message made by the source").atMost(Deliveries.PATIENCE)
                            .until(() -> !ContractApp.seen(app, ContractUdl.SEEN).isEmpty());
                } else {
                    ContractMessage message = ContractMessage.one(app + "-run" + run);
                    peer.send(context, message);
                    Deliveries.awaitAll("the message of the run", () -> ContractApp.seen(app, ContractUdl.SEEN),
                            List.of(message));
                }
                Probes.forget(app);
            });
        }
    }

    /** A batch with unique ids: each reaches the route exactly once. */
    void everyMessageOnce() throws Exception {
        String app = ContractUdl.appName("source-batch");
        try (SourcePeer peer = fixture.sourcePeer(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.source(app, peer), workDir)) {
            peer.started(running.context());
            List<ContractMessage> sent = ContractMessage.batch(app, peer.batch());
            for (ContractMessage message : sent) {
                peer.send(running.context(), message);
            }
            Deliveries.awaitAll("the batch", running::seen, sent);
            Deliveries.assertEachOnce(running.seen(), sent, app);
        }
    }

    /** The native message's body and correlation id are the UDM message's. */
    void udmRoundTrip() throws Exception {
        String app = ContractUdl.appName("source-udm");
        try (SourcePeer peer = fixture.sourcePeer(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.source(app, peer), workDir)) {
            peer.started(running.context());
            ContractMessage message = ContractMessage.one(app);
            peer.send(running.context(), message);
            Deliveries.awaitAll("the message", running::seen, List.of(message));
            Received got = Deliveries.only(running.seen(), message.id());
            assertThat(JsonComparison.differences(message.body(), got.body())).as("the UDM body").isEmpty();
            assertThat(got.correlationId()).as("the UDM correlation id").isEqualTo(message.correlationId());
        }
    }

    /**
     * The caller gets the route's final body, with its own correlation id where the protocol carries headers (a TCP
     * line carries the body alone).
     */
    void reply() throws Exception {
        String app = ContractUdl.appName("source-reply");
        try (SourcePeer peer = fixture.sourcePeer(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.source(app, peer), workDir)) {
            peer.started(running.context());
            ContractMessage message = ContractMessage.one(app);
            Received reply = peer.send(running.context(), message);
            assertThat(reply).as("the reply to a request/reply source").isNotNull();
            assertThat(JsonComparison.differences(message.body(), reply.body())).as("the reply: the route's final body")
                    .isEmpty();
            if (nativeHeaders) {
                assertThat(reply.correlationId()).as("the reply's correlation id").isEqualTo(message.correlationId());
            }
        }
    }

    /** Messages sent while the app is stopped arrive once it runs again; none of the earlier ones again. */
    void keepsMessagesWhileStopped() throws Exception {
        String app = ContractUdl.appName("source-durable");
        try (SourcePeer peer = fixture.sourcePeer(workDir)) {
            String udl = ContractUdl.source(app, peer);
            List<ContractMessage> before = ContractMessage.batch(app + "-before", 2);
            List<ContractMessage> whileStopped = ContractMessage.batch(app + "-stopped", 2);
            try (ContractApp first = ContractApp.start(app, udl, workDir)) {
                peer.started(first.context());
                for (ContractMessage message : before) {
                    peer.send(first.context(), message);
                }
                Deliveries.awaitAll("the messages sent while the app runs", first::seen, before);
                Deliveries.assertEachOnce(first.seen(), before, app);
            }
            for (ContractMessage message : whileStopped) {
                peer.send(null, message);
            }
            try (ContractApp second = ContractApp.start(app, udl, workDir)) {
                peer.started(second.context());
                Deliveries.awaitAll("the messages sent while the app was stopped", second::seen, whileStopped);
                Deliveries.assertEachOnce(second.seen(), whileStopped, app);
            }
        }
    }

    /** The source's own server restarts while the app runs: messages before and after all arrive, once. */
    void serverRestart() throws Exception {
        String app = ContractUdl.appName("source-restart");
        try (SourcePeer peer = fixture.privateSourcePeer(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.source(app, peer), workDir)) {
            RestartableServer server = peer.server().orElseThrow(() -> new AssertionError(
                    "privateSourcePeer() must give a peer with its server()"));
            peer.started(running.context());
            List<ContractMessage> before = ContractMessage.batch(app + "-before", 3);
            List<ContractMessage> after = ContractMessage.batch(app + "-after", 3);
            for (ContractMessage message : before) {
                peer.send(running.context(), message);
            }
            Deliveries.awaitAll("the messages before the restart", running::seen, before);
            Deliveries.awaitIdle("the messages before the restart to finish", running.context());
            server.stop();
            server.start();
            for (ContractMessage message : after) {
                peer.send(running.context(), message);
            }
            List<ContractMessage> all = new java.util.ArrayList<>(before);
            all.addAll(after);
            Deliveries.awaitAll("the messages after the restart", running::seen, all);
            Deliveries.assertEachOnce(running.seen(), all, app);
        }
    }
}
