package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.impl.NatsMessage;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.server.FreePort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message a JetStream route cannot process is never lost and never delivered for ever: the route's retries are
 * bounded and its dead letter then keeps the message, which is acknowledged and not delivered again, not even after
 * the app restarts; a message the dead letter cannot keep either stays in the stream and is delivered again, at most
 * {@code maxDeliver} times.
 */
class JetStreamRedeliveryTest {

    @TempDir
    Path workDir;

    @Test
    void aFailingMessageIsRetriedABoundedNumberOfTimesThenDeadLetteredAndAcknowledged() throws Exception {
        String run = NatsTestServers.unique("POISON");
        String udl = "udl: 8\nname: " + run + "\nsystems:\n"
                + "  inbox: {adapter: nats-jetstream, stream: " + run + "_IN, subject: " + run + ".in,"
                + " createStream: false}\n"
                + "  nobody: {adapter: nats, subject: " + run + ".nobody}\n"
                + "  outbox: {adapter: nats-jetstream, stream: " + run + "_OUT, subject: " + run + ".out}\n"
                + "  parked: {adapter: nats-jetstream, stream: " + run + "_DLQ, subject: " + run + ".dlq}\n"
                + "routes:\n  - name: relay\n    from: inbox\n"
                + "    policy: {retry: {attempts: 3, initial: 50ms, max: 100ms}}\n    steps:\n"
                + "      - choose:\n          - when: \"id == 'poison'\"\n"
                + "            to: {system: nobody, request: true}\n"
                + "      - to: outbox\n    deadLetter: parked\n";
        Connection client = NatsTestServers.connect(NatsTestServers.MACHINE);
        try (StreamCapture in = new StreamCapture(client, run + "_IN", run + ".in", StorageType.Memory);
                StreamCapture out = new StreamCapture(NatsTestServers.connect(NatsTestServers.MACHINE), run + "_OUT",
                        run + ".out", StorageType.Memory);
                StreamCapture dlq = new StreamCapture(NatsTestServers.connect(NatsTestServers.MACHINE), run + "_DLQ",
                        run + ".dlq", StorageType.Memory)) {
            for (String id : List.of("a", "b", "poison", "c")) {
                client.jetStream().publish(run + ".in", ("{\"id\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            try (NatsApp app = NatsApp.start(run, udl, workDir)) {
                Awaitility.await("the good messages relayed, the poisoned one dead-lettered")
                        .atMost(Duration.ofSeconds(30)).until(() -> out.received().size() == 3
                                && dlq.received().size() == 1);
                Map<?, ?> record = (Map<?, ?>) dlq.received().get(0).body();
                assertThat(record.get("attempts")).as("the route's tries: its retry policy's 3").isEqualTo(3L);
                assertThat(StrictJson.read(String.valueOf(record.get("payload")), Map.class).get("id"))
                        .isEqualTo("poison");
                assertThat(String.valueOf(record.get("reason"))).containsIgnoringCase("no responders");
                awaitAllAcknowledged(client, run + "_IN", run + "-relay");
            }
            // started again: the durable consumer remembers that all four were finished
            try (NatsApp again = NatsApp.start(run, udl, workDir)) {
                Awaitility.await("nothing delivered again").during(Duration.ofMillis(1500))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> out.received().size() == 3 && dlq.received().size() == 1);
                assertThat(client.jetStreamManagement().getConsumerInfo(run + "_IN", run + "-relay").getRedelivered())
                        .as("messages delivered more than once").isZero();
            }
            assertThat(out.received()).extracting(Received::id).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aMessageItsDeadLetterCannotKeepStaysInTheStreamAndIsDeliveredAtMostMaxDeliverTimes() throws Exception {
        String run = NatsTestServers.unique("UNKEPT");
        int closedPort = FreePort.loopback();
        String udl = "udl: 8\nname: " + run + "\nsystems:\n"
                + "  inbox: {adapter: nats-jetstream, stream: " + run + "_IN, subject: " + run + ".in,"
                + " createStream: false}\n"
                + "  checker: {adapter: nats, subject: " + run + ".check}\n"
                // the dead letter's server is down: each dead-letter call fails
                + "  parked: {adapter: nats, servers: \"nats://127.0.0.1:" + closedPort + "\", subject: parked}\n"
                + "routes:\n  - name: relay\n    from: {system: inbox, maxDeliver: 3, redeliveryDelay: 100ms}\n"
                + "    policy: {timeout: 300ms}\n    steps:\n      - to: {system: checker, request: true}\n"
                + "    deadLetter: parked\n";
        Connection client = NatsTestServers.connect(NatsTestServers.MACHINE);
        AtomicInteger deliveries = new AtomicInteger();
        // takes the route's request and never answers it: every delivery fails
        Dispatcher silent = client.createDispatcher(request -> deliveries.incrementAndGet());
        silent.subscribe(run + ".check");
        client.flush(Duration.ofSeconds(5));
        try (StreamCapture in = new StreamCapture(client, run + "_IN", run + ".in", StorageType.Memory)) {
            client.jetStream().publish(NatsMessage.builder().subject(run + ".in")
                    .data("{\"id\": \"stuck\"}".getBytes(StandardCharsets.UTF_8)).build());
            try (NatsApp app = NatsApp.start(run, udl, workDir)) {
                Awaitility.await("three deliveries, then no more").atMost(Duration.ofSeconds(30))
                        .until(() -> deliveries.get() >= 3);
                Awaitility.await("no fourth delivery").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
                        .until(() -> deliveries.get() == 3);
            }
            assertThat(in.received()).as("the message is still in the stream").extracting(Received::id)
                    .containsExactly("stuck");
        }
    }

    private static void awaitAllAcknowledged(Connection client, String stream, String durable) {
        Awaitility.await("every message acknowledged").atMost(Duration.ofSeconds(10)).until(() -> {
            ConsumerInfo info = client.jetStreamManagement().getConsumerInfo(stream, durable);
            return info.getNumAckPending() == 0 && info.getNumPending() == 0;
        });
    }
}
