package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.redis.streams.RedisStreamsConstants;
import io.unikernal.testkit.probe.Probes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * A consumer killed with SIGKILL while it holds unacknowledged entries loses none of them: a consumer of another
 * name in the same group takes them over with XAUTOCLAIM once they have been idle for {@code reclaimIdle}, and every
 * entry is processed exactly once over the two — the finished ones by the killed consumer, the rest by the taker.
 * The killed consumer is a child JVM (the test's class path, {@link CrashingStreamConsumer}); the taker is a UDL app
 * in this JVM. On the machine's Redis, with a stream and group of the run's own.
 */
class RedisStreamsReclaimTest {

    private static final int ENTRIES = 20;
    private static final int FINISHED_BY_CHILD = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    private final String stream = TestApp.unique("uk-reclaim");
    private final String group = TestApp.unique("billing");
    private final RedisConnection redis = new RedisConnection();
    private Process child;

    @BeforeEach
    void connect() {
        redis.start();
    }

    @AfterEach
    void cleanUp() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        redis.client().del(stream);
        redis.close();
    }

    @Test
    void entriesOfAKilledConsumerAreTakenOverAndEachProcessedOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= ENTRIES; i++) {
            ids.add(stream + "-" + i);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("payload", "{\"id\":\"" + stream + "-" + i + "\",\"n\":" + i + "}");
            redis.client().xadd(stream, XAddParams.xAddParams().id(StreamEntryID.NEW_ENTRY), fields);
        }

        Path log = workDir.resolve("child.log");
        child = startChild(log);
        Awaitility.await("the child holding an entry").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    assertThat(child.isAlive()).as("the child JVM runs; its output: %s",
                            workDir.resolve("child.out")).isTrue();
                    return lines(log).stream().anyMatch(line -> line.startsWith("holding "));
                });
        StreamPendingSummary held = redis.client().xpending(stream, group);
        assertThat(held.getConsumerMessageCount()).as("entries the child holds unacknowledged")
                .containsOnlyKeys("crashed");
        assertThat(held.getTotal()).as("the held entry and the rest of its batch").isEqualTo(10 - FINISHED_BY_CHILD);

        child.destroyForcibly(); // SIGKILL: no shutdown hook, no last acknowledgement
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child ended").isTrue();
        List<String> doneByChild = lines(log).stream().filter(line -> line.startsWith("done "))
                .map(line -> line.substring(5)).toList();
        assertThat(doneByChild).containsExactlyElementsOf(ids.subList(0, FINISHED_BY_CHILD));

        String app = TestApp.unique("taker");
        try (TestApp taker = TestApp.start(app, """
                systems:
                  orders: {adapter: redis-streams, stream: %s, consumer: taker}
                  seen: {adapter: contract-probe}
                routes:
                  - name: take
                    from: {system: orders, group: %s, block: 200ms, reclaimIdle: 1s, reclaimInterval: 200ms}
                    steps:
                      - to: seen
                """.formatted(stream, group), workDir)) {
            Awaitility.await("every entry the child did not finish, at the taker").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> taker.ids("seen").containsAll(ids.subList(FINISHED_BY_CHILD, ENTRIES)));
            Awaitility.await("nothing pending in the group").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> redis.client().xpending(stream, group).getTotal() == 0);

            assertThat(taker.ids("seen")).as("the taker processed each entry the child did not finish, once")
                    .containsExactlyInAnyOrderElementsOf(ids.subList(FINISHED_BY_CHILD, ENTRIES));
            List<Probes.Record> taken = taker.seen("seen").stream()
                    .filter(r -> "true".equals(r.headers().get(RedisStreamsConstants.REDELIVERED))).toList();
            assertThat(taken).as("the entries taken over from the killed consumer (its batch after the finished ones)")
                    .hasSize(10 - FINISHED_BY_CHILD);
        }
    }

    private Process startChild(Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashingStreamConsumer.class.getName(), "6379", stream, group, "crashed",
                String.valueOf(FINISHED_BY_CHILD), log.toString());
        File out = workDir.resolve("child.out").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
    }

    private static List<String> lines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
