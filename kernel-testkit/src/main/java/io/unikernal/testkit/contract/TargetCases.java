package io.unikernal.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.contract.ContractUdl.TargetRoute;
import io.unikernal.testkit.server.RestartableServer;
import io.unikernal.udl.testing.JsonComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;

/** The target cases: a route from the probe {@code feed} that calls {@code sut}, observed at the fixture's peer. */
final class TargetCases {

    /** Headers a caller's message may carry that must never reach a target system. */
    private static final List<String> NEVER_FORWARDED = List.of("Authorization", "X-Api-Key", "Cookie", "CamelFoo");

    private final AdapterFixture fixture;
    private final Path workDir;

    TargetCases(AdapterFixture fixture, Path workDir) {
        this.fixture = fixture;
        this.workDir = workDir;
    }

    /** In process, then from the emitted YAML: the route starts, one message reaches the peer, the app stops. */
    void openClose() throws Exception {
        String app = ContractUdl.appName("target-open");
        try (TargetPeer peer = fixture.targetPeer(workDir)) {
            OpenClose.run(app, ContractUdl.target(app, peer, TargetRoute.PLAIN), workDir, (context, run) -> {
                peer.started(context);
                ContractMessage message = ContractMessage.one(app + "-run" + run);
                try (ProducerTemplate producer = context.createProducerTemplate()) {
                    ContractApp.feed(producer, app, message, Map.of());
                    Deliveries.awaitAll("the message of the run", peer::received, List.of(message));
                }
            });
        }
    }

    /** A batch with unique ids: each reaches the peer exactly once, none is dead-lettered. */
    void everyMessageOnce() throws Exception {
        String app = ContractUdl.appName("target-batch");
        try (TargetPeer peer = fixture.targetPeer(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.target(app, peer, TargetRoute.PLAIN),
                        workDir)) {
            peer.started(running.context());
            List<ContractMessage> sent = ContractMessage.batch(app, peer.batch());
            sent.forEach(message -> running.feed(message, Map.of()));
            Deliveries.awaitAll("the batch at the peer", peer::received, sent);
            Deliveries.assertEachOnce(peer.received(), sent, app);
            assertThat(running.parked()).as("dead-lettered").isEmpty();
        }
    }

    /** The body, and in native headers the correlation id and the schema the validate step set. */
    void udmRoundTrip() throws Exception {
        String app = ContractUdl.appName("target-udm");
        try (TargetPeer peer = fixture.targetPeer(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.target(app, peer, TargetRoute.VALIDATED),
                        workDir)) {
            peer.started(running.context());
            ContractMessage message = ContractMessage.one(app);
            running.feed(message, Map.of());
            Deliveries.awaitAll("the message at the peer", peer::received, List.of(message));
            Received got = Deliveries.only(peer.received(), message.id());
            assertThat(JsonComparison.differences(message.body(), got.body())).as("the body at the peer").isEmpty();
            assertThat(got.correlationId()).as("the correlation id at the peer").isEqualTo(message.correlationId());
            assertThat(got.schema()).as("the schema name at the peer").isEqualTo(ContractUdl.SCHEMA);
            assertThat(got.schemaVersion()).as("the schema version at the peer")
                    .isEqualTo(String.valueOf(ContractUdl.SCHEMA_VERSION));
        }
    }

    /** Credentials and Camel's headers stay behind; the envelope goes on. */
    void headerFilter() throws Exception {
        String app = ContractUdl.appName("target-filter");
        String secret = "contract-secret-" + java.util.UUID.randomUUID();
        try (TargetPeer peer = fixture.targetPeer(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.target(app, peer, TargetRoute.PLAIN),
                        workDir)) {
            peer.started(running.context());
            ContractMessage message = ContractMessage.one(app);
            Map<String, Object> caller = new java.util.LinkedHashMap<>();
            caller.put("Authorization", "Bearer " + secret);
            caller.put("X-Api-Key", secret);
            caller.put("Cookie", "session=" + secret);
            caller.put("CamelFoo", secret);
            running.feed(message, caller);
            Deliveries.awaitAll("the message at the peer", peer::received, List.of(message));
            Received got = Deliveries.only(peer.received(), message.id());
            assertThat(got.headers().keySet()).as("headers at the peer").isNotEmpty()
                    .noneMatch(name -> NEVER_FORWARDED.stream().anyMatch(name::equalsIgnoreCase))
                    .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("camel"));
            assertThat(got.headers().values()).as("header values at the peer")
                    .noneMatch(value -> value.contains(secret));
            assertThat(got.correlationId()).as("the envelope reaches the peer").isEqualTo(message.correlationId());
        }
    }

    /**
     * The peer's server stops while the app runs: what is sent meanwhile is retried by the route's policy until the
     * server is back, then delivered, as is what is sent after; nothing is lost or dead-lettered, nothing arrives
     * twice.
     */
    void serverRestart() throws Exception {
        String app = ContractUdl.appName("target-restart");
        try (TargetPeer peer = fixture.privateTargetPeer(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.target(app, peer, TargetRoute.RETRIED),
                        workDir)) {
            RestartableServer server = peer.server().orElseThrow(() -> new AssertionError(
                    "privateTargetPeer() must give a peer with its server()"));
            peer.started(running.context());
            List<ContractMessage> before = ContractMessage.batch(app + "-before", 3);
            List<ContractMessage> whileDown = ContractMessage.batch(app + "-down", 3);
            List<ContractMessage> after = ContractMessage.batch(app + "-after", 3);
            before.forEach(message -> running.feed(message, Map.of()));
            Deliveries.awaitAll("the messages before the restart", peer::received, before);
            Deliveries.awaitIdle("the calls before the restart to finish", running.context());
            server.stop();
            whileDown.forEach(message -> running.feed(message, Map.of()));
            Awaitility.await("a message in flight while the server is down").atMost(Deliveries.PATIENCE)
                    .until(() -> running.context().getInflightRepository().size() > 0);
            server.start();
            after.forEach(message -> running.feed(message, Map.of()));
            List<ContractMessage> all = new ArrayList<>(before);
            all.addAll(whileDown);
            all.addAll(after);
            Deliveries.awaitAll("every message after the restart", peer::received, all);
            Deliveries.assertEachOnce(peer.received(), all, app);
            assertThat(running.parked()).as("dead-lettered").isEmpty();
        }
    }
}
