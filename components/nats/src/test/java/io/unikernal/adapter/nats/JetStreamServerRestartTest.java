package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.server.PrivateNats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay from one stream to another, with dead letters, through a restart of its private NATS server in the middle
 * of the stream: a backlog published before the app starts, then the sender keeps publishing through the outage
 * (retrying what the server cannot take), the consumer is in the middle of the backlog when the server stops, the relay's publishes fail and are retried by its policy (the
 * metrics show the failed sends to the target), and in the end every message sent is either in the output stream or,
 * for the invalid ones, in the dead-letter stream — counted by id, none in both, none missing.
 */
class JetStreamServerRestartTest {

    /** Sent after the server is back, before the sender stops. */
    private static final int AFTER = 50;
    /** Published before the app starts: the relay works through them when the server stops. */
    private static final int BACKLOG = 150;
    /** The message whose price comes only once the server has stopped. */
    private static final int HELD = 41;

    @TempDir
    Path workDir;

    @Test
    void everyMessageIsRelayedOrDeadLetteredOverARestartOfTheServer() throws Exception {
        String run = NatsTestServers.unique("RELAY");
        try (PrivateNats server = PrivateNats.launch()) {
            String servers = "\"" + server.url() + "\"";
            // each system has a connection of its own, and after the restart each reconnects at its own moment (jnats
            // waits 2 s between tries): an invalid message can reach a dead letter still reconnecting, fail there and
            // be delivered again after redeliveryDelay (1 s, doubling), well within its five deliveries
            String udl = "udl: 8\nname: " + run + "\nsystems:\n"
                    + "  inbox: {adapter: nats-jetstream, servers: " + servers + ", stream: " + run + "_IN, subject: "
                    + run + ".in, createStream: false}\n"
                    + "  outbox: {adapter: nats-jetstream, servers: " + servers + ", stream: " + run + "_OUT, subject: "
                    + run + ".out, createStream: false}\n"
                    + "  parked: {adapter: nats-jetstream, servers: " + servers + ", stream: " + run + "_DLQ, subject: "
                    + run + ".dlq, createStream: false}\n"
                    + "  pricing: {adapter: nats, subject: " + run + ".price}\n"
                    + "schemas:\n  Order:\n    version: 1\n    fields:\n      id: {type: string, required: true}\n"
                    + "      n: {type: int, min: 0}\n"
                    + "routes:\n  - name: relay\n    from: {system: inbox, ackWait: 5s}\n"
                    + "    policy: {retry: {attempts: 100, initial: 100ms, max: 500ms}}\n"
                    + "    steps:\n      - validate: Order\n      - to: {system: pricing, request: true}\n"
                    + "      - to: outbox\n    deadLetter: parked\n";
            Connection sender = NatsTestServers.connect(server.url());
            try (StreamCapture in = new StreamCapture(sender, run + "_IN", run + ".in", StorageType.File);
                    StreamCapture out = new StreamCapture(NatsTestServers.connect(server.url()), run + "_OUT",
                            run + ".out", StorageType.File);
                    StreamCapture dlq = new StreamCapture(NatsTestServers.connect(server.url()), run + "_DLQ",
                            run + ".dlq", StorageType.File)) {
                Sender sending = new Sender(sender, run);
                for (int i = 1; i <= BACKLOG; i++) {
                    sending.tick(); // the server is up: each is stored, or the count below fails
                }
                assertThat(sending.next.get()).as("the backlog stored").isEqualTo(BACKLOG + 1);
                try (Pricing pricing = new Pricing(run + ".price", run + "-" + HELD)) {
                    relay(run, udl, server, sending, pricing, out, dlq);
                }
            }
        }
    }

    private void relay(String run, String udl, PrivateNats server, Sender sending, Pricing pricing,
            StreamCapture out, StreamCapture dlq) throws Exception {
        try (NatsApp app = NatsApp.start(run, udl, workDir, Map.of("camel.metrics.enabled", "true",
                "camel.metrics.enableExchangeEventNotifier", "true"))) {
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            try {
                pace.scheduleAtFixedRate(sending::tick, 0, 10, TimeUnit.MILLISECONDS);
                // the relay is in the middle of the backlog, asking for a price: the stream's server stops
                assertThat(pricing.held.await(60, TimeUnit.SECONDS)).as("the held message at the pricing service")
                        .isTrue();
                server.stop();
                pricing.release.countDown(); // the price comes: the relay's publish to the stopped server fails
                int failedBefore = sending.failures.get();
                Awaitility.await("the sender retrying while the server is down").atMost(Duration.ofSeconds(60))
                        .until(() -> sending.failures.get() >= failedBefore + 10);
                server.start();
                int resumedAt = sending.next.get();
                Awaitility.await("more sent after the restart").atMost(Duration.ofSeconds(90))
                        .until(() -> sending.next.get() > resumedAt + AFTER);
                sending.stop();
            } finally {
                pace.shutdownNow();
            }
            Set<String> sent = sending.sent();
            Awaitility.await("every message relayed or dead-lettered").atMost(Duration.ofSeconds(90))
                    .until(() -> union(ids(out.received()), deadLettered(dlq.received())).containsAll(sent));

            List<String> relayed = ids(out.received());
            List<String> parked = deadLettered(dlq.received());
            assertThat(union(relayed, parked)).as("inputs = outputs + dead letters, by id")
                    .isEqualTo(sent);
            assertThat(relayed).as("relayed and dead-lettered").doesNotContainAnyElementsOf(parked);
            assertThat(Set.copyOf(parked)).as("the dead letters: the invalid messages (n < 0)")
                    .isEqualTo(sent.stream().filter(id -> Sender.invalid(id)).collect(Collectors.toSet()));
            System.out.printf("restart: sent %d, relayed %d (%d unique), dead-lettered %d (%d unique),"
                    + " sender failures during the outage %d%n", sent.size(), relayed.size(),
                    Set.copyOf(relayed).size(), parked.size(), Set.copyOf(parked).size(), sending.failures.get());
            assertThat(failedSends(app, run + ".out")).as("sends to the output stream that failed during the"
                    + " outage and were retried (the metrics)").isPositive();
        }
    }

    /**
     * What the sender publishes until stopped: ids {@code RUN-1..}, every 10th invalid ({@code n = -1}); one per
     * tick.
     */
    private static final class Sender {
        private final Connection connection;
        private final String run;
        private final AtomicInteger next = new AtomicInteger(1);
        private final AtomicInteger failures = new AtomicInteger();
        private volatile boolean stopped;

        Sender(Connection connection, String run) {
            this.connection = connection;
            this.run = run;
        }

        static boolean invalid(String id) {
            return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) % 10 == 0;
        }

        /** Publishes the next message and waits for the stream's acknowledgement; a failure is tried again next tick. */
        synchronized void tick() {
            if (stopped) {
                return;
            }
            int i = next.get();
            String id = run + "-" + i;
            Headers headers = new Headers().put(NatsHeaderFilter.CORRELATION_ID, "corr-" + id)
                    .put(NatsHeaderFilter.MESSAGE_ID, id);
            byte[] body = StrictJson.write(Map.of("id", id, "n", invalid(id) ? -1 : i))
                    .getBytes(StandardCharsets.UTF_8);
            try {
                connection.jetStream().publish(NatsMessage.builder().subject(run + ".in").headers(headers).data(body)
                        .build());
                next.incrementAndGet();
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }

        /** Sends no more; returns once a tick in progress is done. */
        synchronized void stop() {
            stopped = true;
        }

        /** The messages the stream acknowledged. */
        Set<String> sent() {
            Set<String> ids = new HashSet<>();
            for (int i = 1; i < next.get(); i++) {
                ids.add(run + "-" + i);
            }
            return ids;
        }
    }

    /**
     * A pricing service on the machine's server, which the relay asks for each message: it answers with the message
     * itself, and holds its answer for one message until the test releases it.
     */
    private static final class Pricing implements AutoCloseable {
        private final Connection connection = NatsTestServers.connect(NatsTestServers.MACHINE);
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        Pricing(String subject, String heldId) throws Exception {
            connection.createDispatcher(request -> {
                if (heldId.equals(NatsWire.received(request.getData(), request.getHeaders()).id())) {
                    held.countDown();
                    release.await(60, TimeUnit.SECONDS);
                }
                connection.publish(request.getReplyTo(), request.getData());
            }).subscribe(subject);
            connection.flush(Duration.ofSeconds(5));
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            connection.close();
        }
    }

    private static List<String> ids(List<Received> received) {
        return received.stream().map(Received::id).filter(Objects::nonNull).toList();
    }

    /** The ids of the messages the dead-letter records hold (their payload). */
    private static List<String> deadLettered(List<Received> records) {
        return records.stream().map(r -> ((Map<?, ?>) r.body()).get("payload"))
                .map(payload -> String.valueOf(StrictJson.read(String.valueOf(payload), Map.class).get("id")))
                .toList();
    }

    private static Set<String> union(List<String> a, List<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The failed sends to the endpoint of {@code subject}, as Camel's exchange event metrics count them. */
    private static long failedSends(NatsApp app, String subject) {
        MeterRegistry registry = app.runtime().context().getRegistry().findSingleByType(MeterRegistry.class);
        assertThat(registry).as("the app's meter registry").isNotNull();
        List<Timer> sends = registry.find("camel.exchange.event.notifier").timers().stream()
                .filter(t -> String.valueOf(t.getId().getTag("endpointName")).contains(subject)).toList();
        assertThat(sends).as("send timers of " + subject + " among " + registry.getMeters().stream()
                .map(m -> m.getId().toString()).toList()).isNotEmpty();
        return sends.stream().filter(t -> "true".equals(t.getId().getTag("failed"))).mapToLong(Timer::count).sum();
    }
}
