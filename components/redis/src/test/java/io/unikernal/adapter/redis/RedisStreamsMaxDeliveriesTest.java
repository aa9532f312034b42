package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.redis.streams.RedisStreamsConstants;
import io.unikernal.testkit.probe.Probes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * An entry whose consumers ended every time they held it (a poison entry that kills the process) is not run a
 * maxDeliveries+1-th time: it goes to the dead letter with the reason and is acknowledged, while an entry redelivered
 * fewer times is processed as usual, with its delivery count in a header. The earlier deliveries are real ones, by a consumer named {@code crashed} that
 * read the entries and never acknowledged them; on the machine's Redis with a stream and group of the run's own.
 */
class RedisStreamsMaxDeliveriesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    private final String stream = TestApp.unique("uk-poison");
    private final String group = TestApp.unique("billing");
    private final RedisConnection redis = new RedisConnection();

    @BeforeEach
    void connect() {
        redis.start();
    }

    @AfterEach
    void cleanUp() {
        redis.client().del(stream);
        redis.close();
    }

    @Test
    void anEntryDeliveredTooOftenIsDeadLetteredAndTheOthersGoOn() throws Exception {
        redis.client().xgroupCreate(stream, group, new StreamEntryID(), true);
        add("poison");
        // the crashed consumer got the poison entry, then held it again after four restarts: five deliveries
        read(StreamEntryID.UNRECEIVED_ENTRY);
        for (int restart = 0; restart < 4; restart++) {
            read(new StreamEntryID());
        }
        // ... and then one more entry, once, before it ended for good
        add("retaken");
        read(StreamEntryID.UNRECEIVED_ENTRY);
        add("fresh");
        assertThat(redis.client().xpending(stream, group).getTotal()).isEqualTo(2);

        String app = TestApp.unique("taker");
        try (TestApp taker = TestApp.start(app, """
                systems:
                  orders: {adapter: redis-streams, stream: %s, consumer: taker}
                  seen: {adapter: contract-probe}
                  parked: {adapter: contract-probe}
                routes:
                  - name: take
                    from: {system: orders, group: %s, block: 200ms, reclaimIdle: 200ms, reclaimInterval: 100ms,
                           maxDeliveries: 5}
                    steps:
                      - to: seen
                    deadLetter: parked
                """.formatted(stream, group), workDir)) {
            Awaitility.await("the two entries processed and the poison one dead-lettered").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> taker.ids("seen").size() == 2 && !taker.seen("parked").isEmpty());
            Awaitility.await("nothing pending in the group").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> redis.client().xpending(stream, group).getTotal() == 0);

            assertThat(taker.ids("seen")).as("the route never ran the poison entry")
                    .containsExactlyInAnyOrder("retaken", "fresh");
            for (Probes.Record record : taker.seen("seen")) {
                boolean retaken = "retaken".equals(TestApp.id(record.body()));
                assertThat(record.headers()).as("the delivery count of %s", record.body())
                        .containsEntry(RedisStreamsConstants.DELIVERY_COUNT, retaken ? "2" : "1")
                        .containsEntry(RedisStreamsConstants.REDELIVERED, String.valueOf(retaken));
            }
            assertThat(taker.ids("parked")).containsExactly("poison");
            Map<?, ?> letter = (Map<?, ?>) taker.seen("parked").get(0).body();
            assertThat(String.valueOf(letter.get("reason"))).contains("delivered 6 times without being finished")
                    .contains("maxDeliveries 5");
        }
    }

    private void add(String id) {
        redis.client().xadd(stream, XAddParams.xAddParams().id(StreamEntryID.NEW_ENTRY),
                Map.of("payload", "{\"id\":\"" + id + "\"}"));
    }

    private void read(StreamEntryID from) {
        List<?> got = redis.client().xreadGroup(group, "crashed", XReadGroupParams.xReadGroupParams().count(10),
                Map.of(stream, from));
        assertThat(got).as("the crashed consumer's read").isNotNull();
    }
}
