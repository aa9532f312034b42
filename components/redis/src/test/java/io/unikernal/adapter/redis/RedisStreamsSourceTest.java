package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.LatencyHistograms;
import io.unikernal.runtime.Observability;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.PrivateRedis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The stream source beyond the contract: a failing entry is retried a bounded number of times, dead-lettered and
 * acknowledged, and the stream moves on; a restart of the server mid-stream, with the sender going on through the
 * outage and the consumer holding a batch when the server stops, loses nothing — every entry sent is an output or a
 * dead letter, counted by id — and the route's failed-then-retried sends show in its metrics.
 */
class RedisStreamsSourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** How far the sender of the restart case runs ahead of the route: several batches, so the consumer is busy. */
    private static final int BACKLOG = 60;

    @TempDir
    Path workDir;

    @Test
    void aFailingEntryIsRetriedBoundedThenDeadLetteredAndAcknowledged() throws Exception {
        String stream = TestApp.unique("uk-poison");
        String broken = TestApp.unique("uk-not-a-stream");
        String app = TestApp.unique("poison");
        RedisConnection redis = new RedisConnection();
        redis.start();
        // XADD to a key that holds a string fails with WRONGTYPE: a failure of the target, retried like any other
        redis.client().set(broken, "a string, not a stream");
        try (TestApp running = TestApp.start(app, """
                systems:
                  orders: {adapter: redis-streams, stream: %s}
                  broken: {adapter: redis-streams, stream: %s}
                  seen: {adapter: contract-probe}
                  parked: {adapter: contract-probe}
                routes:
                  - name: take
                    from: {system: orders, block: 200ms, reclaimIdle: 1s, reclaimInterval: 200ms}
                    policy: {retry: {attempts: 3, initial: 10ms, max: 50ms}}
                    steps:
                      - choose:
                          - when: "n == 3"
                            to: broken
                      - to: seen
                    deadLetter: parked
                """.formatted(stream, broken), workDir)) {
            List<String> ids = new ArrayList<>();
            for (int n = 1; n <= 6; n++) {
                ids.add(stream + "-" + n);
                add(redis, stream, "{\"id\":\"" + stream + "-" + n + "\",\"n\":" + n + "}", "corr-" + n);
            }
            Awaitility.await("the entries after the poisoned one").atMost(PATIENCE)
                    .until(() -> running.ids("seen").size() == 5 && running.seen("parked").size() == 1);
            Awaitility.await("every entry acknowledged").atMost(PATIENCE)
                    .until(() -> redis.client().xpending(stream, app).getTotal() == 0);

            assertThat(running.ids("seen")).as("the stream moves on past the poisoned entry, in order")
                    .containsExactly(ids.get(0), ids.get(1), ids.get(3), ids.get(4), ids.get(5));
            Map<?, ?> record = (Map<?, ?>) running.seen("parked").get(0).body();
            assertThat(((Number) record.get("attempts")).intValue()).as("tries before it was dead-lettered").isEqualTo(3);
            assertThat(TestApp.id(record)).isEqualTo(ids.get(2));
            assertThat(String.valueOf(record.get("reason"))).contains("WRONGTYPE");
            assertThat(record.get("correlationId")).as("the entry's correlation id").isEqualTo("corr-3");
            // acknowledged, so never taken over again: a reclaim pass (every 200 ms, idle 1 s) finds nothing
            assertThat(redis.client().xpending(stream, app).getTotal()).isZero();
        } finally {
            redis.client().del(stream, broken);
            redis.close();
        }
    }

    /**
     * A relay from a stream on one private server to a stream on another: while the sender keeps sending, the target
     * server's writes are paused until the relay is blocked in its call (mid-batch, an entry in hand), then both
     * servers stop and start again. The call fails and is retried, the sender's refused sends are sent again, the
     * consumer re-reads what it holds: every entry sent is relayed or dead-lettered (every tenth is poisoned).
     */
    @Test
    void aServerRestartMidStreamLosesNothingCountedById() throws Exception {
        String in = TestApp.unique("uk-in");
        String out = TestApp.unique("uk-out");
        String app = TestApp.unique("relay");
        int total = 200;
        try (PrivateRedis server = PrivateRedis.launch();
                PrivateRedis target = PrivateRedis.launch();
                TestApp running = TestApp.start(app, """
                        systems:
                          orders: {adapter: redis-streams, port: %d, stream: %s}
                          relayed: {adapter: redis-streams, port: %d, stream: %s}
                          seen: {adapter: contract-probe}
                          parked: {adapter: contract-probe}
                        schemas:
                          Order:
                            version: 1
                            fields:
                              id: {type: string, required: true}
                              n: {type: int, max: 100000}
                        routes:
                          - name: relay
                            from: {system: orders, batchSize: 10, block: 200ms}
                            policy: {retry: {attempts: 100, initial: 100ms, max: 500ms}}
                            steps:
                              - validate: Order
                              - to: relayed
                              - to: seen
                            deadLetter: parked
                        """.formatted(server.port(), in, target.port(), out), workDir,
                        Observability.properties("127.0.0.1", FreePort.loopback()))) {
            Sender sender = new Sender(server.port(), in, total, running);
            Thread sending = new Thread(sender, "sender");
            sending.start();
            Awaitility.await("a part of the stream relayed").atMost(PATIENCE)
                    .until(() -> running.seen("seen").size() >= 40);
            sender.unpaced = true; // from now on it sends whatever the route does, through the outage
            holdRelayInItsCall(target.port(), running);
            server.stop();
            target.stop();
            Awaitility.await("the sender going on through the outage").atMost(PATIENCE)
                    .until(() -> sender.failedSends.get() > 0);
            server.start();
            target.start();
            sending.join(PATIENCE.toMillis());
            assertThat(sending.isAlive()).as("the sender finished; seen %d, parked %d; threads:%n%s",
                    running.seen("seen").size(), running.seen("parked").size(), threads()).isFalse();
            assertThat(sender.sent).hasSize(total);

            Awaitility.await("every entry relayed or dead-lettered").atMost(PATIENCE)
                    .until(() -> outcomes(running).containsAll(sender.sent));
            try (RedisConnection redis = connect(server.port()); RedisConnection relay = connect(target.port())) {
                Awaitility.await("nothing pending").atMost(PATIENCE)
                        .until(() -> redis.client().xpending(in, app).getTotal() == 0);
                Set<String> inputs = new HashSet<>(sender.sent);
                List<String> relayed = ids(relay.client().xrange(out, (StreamEntryID) null, (StreamEntryID) null));
                List<String> parked = running.ids("parked");
                assertThat(outcomes(running)).as("inputs = outputs + dead letters, by id").isEqualTo(inputs);
                assertThat(new HashSet<>(relayed)).as("what reached the target stream").isEqualTo(
                        new HashSet<>(running.ids("seen")));
                assertThat(new HashSet<>(parked)).as("the poisoned entries (n > 100000) are the dead letters")
                        .isEqualTo(new HashSet<>(sender.poisoned));
                // at least once: what may come twice is the entry in its call when the servers stopped (its XADD done
                // as the server stopped, the reply lost, the retry writing it again) and the entry whose
                // acknowledgement the outage cut off (delivered again after the restart), relayed or dead-lettered
                int repeats = relayed.size() + parked.size() - outcomes(running).size();
                assertThat(repeats).as("entries relayed or dead-lettered twice").isLessThanOrEqualTo(2);
                System.out.printf("restart mid-stream: %d sent (%d failed sends retried), %d relayed, %d dead-lettered,"
                        + " %d repeats%n", sender.sent.size(), sender.failedSends.get(), relayed.size(), parked.size(),
                        repeats);
                redis.client().del(in);
                relay.client().del(out);
            }
            String metrics = running.context().getRegistry().lookupByNameAndType(LatencyHistograms.REGISTRY_NAME,
                    PrometheusMeterRegistry.class).scrape();
            assertThat(failedSends(metrics)).as("the relay's sends that failed during the outage and were retried: %s",
                    metrics.lines().filter(l -> l.startsWith("camel_exchange_event_notifier_seconds_count")).toList())
                    .isPositive();
        }
    }

    /**
     * Pauses the target server's writes (CLIENT PAUSE WRITE) until a relay is blocked in its XADD there: the servers
     * then stop while the consumer holds a batch and is in the middle of an entry, whose call fails and is retried.
     */
    private static void holdRelayInItsCall(int targetPort, TestApp running) {
        try (RedisConnection admin = connect(targetPort)) {
            admin.client().sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "PAUSE", "20000", "WRITE");
            Awaitility.await("a relay blocked in its call").atMost(PATIENCE).pollInterval(Duration.ofMillis(10))
                    .until(() -> running.context().getInflightRepository().size() > 0);
        }
    }

    /** The stacks of the redis consumers and the sender, for a failure message. */
    private static String threads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().contains("Redis") || thread.getName().equals("sender")) {
                out.append(thread.getName()).append('\n');
                for (StackTraceElement frame : stack) {
                    out.append("    at ").append(frame).append('\n');
                }
            }
        });
        return out.toString();
    }

    private static Set<String> outcomes(TestApp running) {
        Set<String> ids = new HashSet<>(running.ids("seen"));
        ids.addAll(running.ids("parked"));
        return ids;
    }

    private static List<String> ids(List<StreamEntry> entries) {
        return entries.stream().map(e -> TestApp.id(e.getFields().get("payload"))).toList();
    }

    private static double failedSends(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("camel_exchange_event_notifier_seconds_count"))
                .filter(line -> line.contains("failed=\"true\"") && line.contains("ExchangeSentEvent"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static RedisConnection connect(int port) {
        RedisConnection connection = new RedisConnection();
        connection.setPort(port);
        connection.start();
        return connection;
    }

    private static void add(RedisConnection redis, String stream, String payload, String correlation) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("payload", payload);
        fields.put("X-Correlation-Id", correlation);
        redis.client().xadd(stream, XAddParams.xAddParams().id(StreamEntryID.NEW_ENTRY), fields);
    }

    /**
     * A producer that keeps sending through an outage: each entry is sent until the server takes it (a failed XADD is
     * counted and tried again), at most {@link #BACKLOG} ahead of what the route has finished until the outage begins,
     * so the consumer always has a batch in hand; from then on without waiting for the route.
     * Every tenth entry is poisoned (fails validation).
     */
    private static final class Sender implements Runnable {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> poisoned = new CopyOnWriteArrayList<>();
        final AtomicInteger failedSends = new AtomicInteger();
        /** Set when the outage begins: the sender no longer waits for the route, which is held. */
        volatile boolean unpaced;
        private final int port;
        private final String stream;
        private final int total;
        private final TestApp running;

        Sender(int port, String stream, int total, TestApp running) {
            this.port = port;
            this.stream = stream;
            this.total = total;
            this.running = running;
        }

        @Override
        public void run() {
            try (RedisConnection redis = connect(port)) {
                for (int n = 1; n <= total; n++) {
                    String id = stream + "-" + n;
                    int value = n % 10 == 0 ? 1_000_000 + n : n;
                    int ahead = n;
                    Awaitility.await("room to send " + id).atMost(PATIENCE).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(2))
                            .until(() -> unpaced || outcomes(running).size() >= ahead - BACKLOG);
                    Awaitility.await("the server taking " + id).atMost(PATIENCE).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> {
                                try {
                                    add(redis, stream, "{\"id\":\"" + id + "\",\"n\":" + value + "}", "corr-" + id);
                                    return true;
                                } catch (JedisException down) {
                                    failedSends.incrementAndGet();
                                    return false;
                                }
                            });
                    sent.add(id);
                    if (value != n) {
                        poisoned.add(id);
                    }
                }
            }
        }
    }
}
