package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.LatencyHistograms;
import io.unikernal.runtime.Observability;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.PrivateRabbitMq;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts mid-stream: a route relays a queue to another queue on a private RabbitMQ node, with its dead
 * letter on the machine's broker, while a sender keeps publishing through the outage (each message retried until the
 * node confirms it). The node is stopped while the route is in the middle of its prefetched batch and started again.
 * Afterwards every message the node confirmed to the sender is among the relayed ones or the dead letters, counted
 * by id — none lost; repeats are allowed (at least once: a message whose ack died with the connection comes again) —
 * and the route's metrics show the publishes that failed during the outage before their retries went through.
 */
class RabbitMqBrokerRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /**
     * Messages the sender publishes at least; the node stops once it has confirmed {@link #STOP_AFTER}, and the sender
     * goes on until the node is back (at most {@link #MOST} in all), so the route is never out of work before the stop:
     * on a quiet machine the 280 after the first 120 were once relayed before the test looked for one in flight.
     */
    private static final int MESSAGES = 400;
    private static final int MOST = 20_000;
    private static final int STOP_AFTER = 120;
    /** At most this many messages sent but not yet relayed, so the stream flows rather than piling up. */
    private static final int BACKLOG = 60;

    /** One node for both cases (a start costs seconds); each case has queues of its own. */
    private static PrivateRabbitMq node;

    @TempDir
    Path tmp;

    @BeforeAll
    static void launchNode() {
        node = PrivateRabbitMq.launch();
    }

    @AfterAll
    static void removeNode() {
        if (node != null) {
            node.close();
        }
    }

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    /** The source queue and the target queue on the node: the consumer loses its connection mid-batch. */
    @Test
    void everyMessageSentThroughARestartOfTheSourceAndTargetBrokerIsRelayedOrDeadLettered() throws Exception {
        String metrics = relay(node.port(), node.port(), true);
        assertThat(metrics).contains("camel_exchanges_succeeded_total");
    }

    /**
     * The source queue on the machine's broker, the target on the node: the route's publishes fail while the node is
     * down, and its retry policy carries them (and the batch waiting behind them) over the outage.
     */
    @Test
    void everyMessageSentThroughARestartOfTheTargetBrokerIsRelayedAndItsFailedPublishesAreRetried() throws Exception {
        String metrics = relay(RabbitMqFixture.MACHINE_PORT, node.port(), false);
        assertThat(failedSends(metrics)).as("the route's publishes that failed during the outage (%s)",
                metrics.lines().filter(l -> l.startsWith("camel_exchange_event_notifier_seconds_count")).toList())
                .isPositive();
    }

    /**
     * Runs the relay from a queue on {@code sourcePort} to a queue on {@code targetPort} while the sender publishes,
     * restarts the node mid-stream, checks inputs = outputs + dead letters by id, and returns the app's metrics.
     */
    private String relay(int sourcePort, int targetPort, boolean senderMeetsTheOutage)
            throws Exception {
        String in = "r-in-" + id;
        String out = "r-out-" + id;
        String parked = "r-parked-" + id;
        int managementPort = FreePort.loopback();
        try (Broker sender = new Broker(sourcePort).queue(in);
                Broker reader = new Broker(targetPort).queue(out);
                Broker parking = new Broker(RabbitMqFixture.MACHINE_PORT).queue(parked)) {
            List<Received> relayed = reader.consume(out);
            List<Received> deadLetters = parking.consume(parked);
            String udl = """
                    udl: 8
                    name: rmq-restart
                    systems:
                      source:  {adapter: rabbitmq, port: %d}
                      target:  {adapter: rabbitmq, port: %d}
                      parking: {adapter: rabbitmq}
                    routes:
                      - name: relay
                        from: {system: source, queue: %s, prefetch: 20}
                        policy:
                          retry: {attempts: 100, initial: 100ms, max: 500ms}
                        steps:
                          - to: {system: target, exchange: default, queue: %s}
                        deadLetter: {system: parking, exchange: default, queue: %s}
                    """.formatted(sourcePort, targetPort, in, out, parked);
            try (UdlRuntime app = Apps.start("rmq-restart", udl, tmp,
                    Observability.properties("127.0.0.1", managementPort))) {
                Set<String> confirmed = ConcurrentHashMap.newKeySet();
                AtomicInteger failedPublishes = new AtomicInteger();
                AtomicBoolean restarted = new AtomicBoolean();
                Thread sending = new Thread(() -> send(sender, in, confirmed, relayed, failedPublishes, restarted),
                        "sender");
                sending.setDaemon(true);
                sending.start();

                Awaitility.await("the first messages relayed").atMost(PATIENCE)
                        .until(() -> confirmed.size() >= STOP_AFTER);
                Awaitility.await("the route in the middle of a message").atMost(PATIENCE).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> app.context().getInflightRepository().size() > 0);
                node.stop();
                node.start();
                restarted.set(true);
                Awaitility.await("the sender done").atMost(PATIENCE).until(() -> !sending.isAlive());
                assertThat(confirmed).as("messages the broker confirmed to the sender")
                        .hasSizeGreaterThanOrEqualTo(MESSAGES);
                if (senderMeetsTheOutage) {
                    assertThat(failedPublishes.get()).as("the sender's publishes refused during the outage")
                            .isPositive();
                }

                Awaitility.await("every message relayed or dead-lettered").atMost(PATIENCE)
                        .until(() -> ids(relayed, deadLetters).containsAll(confirmed));

                Set<String> lost = new HashSet<>(confirmed);
                lost.removeAll(ids(relayed, deadLetters));
                assertThat(lost).as("inputs = outputs + dead letters, by id").isEmpty();
                assertThat(ids(relayed, List.of())).as("nothing relayed that was not sent").isSubsetOf(confirmed);
                int repeats = relayed.size() - ids(relayed, List.of()).size();
                System.out.printf("restart: %d sent, %d relayed (%d repeats), %d dead-lettered, %d refused publishes"
                        + " of the sender%n", confirmed.size(), relayed.size(), repeats, deadLetters.size(),
                        failedPublishes.get());
                return app.context().getRegistry()
                        .lookupByNameAndType(LatencyHistograms.REGISTRY_NAME, PrometheusMeterRegistry.class).scrape();
            }
        }
    }

    /**
     * Publishes at least {@link #MESSAGES} messages, and on until the node has restarted, with ids {@code m-1...}, each
     * retried until the node confirms it, keeping at most {@link #BACKLOG} of them not yet relayed.
     */
    private static void send(Broker sender, String queue, Set<String> confirmed, List<Received> relayed,
            AtomicInteger failed, AtomicBoolean restarted) {
        for (int i = 1; i <= MOST && (i <= MESSAGES || !restarted.get()); i++) {
            String messageId = "m-" + i;
            Awaitility.await("room in the backlog").atMost(PATIENCE).pollInterval(Duration.ofMillis(5))
                    .until(() -> confirmed.size() - relayed.size() < BACKLOG);
            sender.publishUntilConfirmed("", queue, "{\"id\": \"" + messageId + "\"}", "corr-" + messageId, PATIENCE,
                    failed::incrementAndGet);
            confirmed.add(messageId);
        }
    }

    private static Set<String> ids(List<Received> relayed, List<Received> deadLetters) {
        Set<String> ids = relayed.stream().map(Received::id).filter(Objects::nonNull).collect(Collectors.toSet());
        deadLetters.stream().map(r -> ((Map<?, ?>) r.body()).get("correlationId")).filter(Objects::nonNull)
                .map(c -> String.valueOf(c).replaceFirst("^corr-", "")).forEach(ids::add);
        return ids;
    }

    /** The count of failed sends of the route to an endpoint, from Camel's per-endpoint timers. */
    private static double failedSends(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("camel_exchange_event_notifier_seconds_count"))
                .filter(line -> line.contains("failed=\"true\"") && line.contains("ExchangeSentEvent"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
