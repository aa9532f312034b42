package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The targets against the machine's Redis, checked with the server's own commands: XADD trims to about maxLength
 * (exactly with trim: exact) and keeps the newest; SET and HSET write the body under the key a CEL expression or a
 * field gives, expiring after the ttl; a message without a key is dead-lettered. Keys and streams of the run's own,
 * deleted after.
 */
class RedisTargetsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Redis's stream-node-max-entries default: approximate trimming removes whole nodes of this many entries. */
    private static final int NODE_ENTRIES = 100;

    @TempDir
    Path workDir;

    private final String prefix = TestApp.unique("uk-targets") + ":";
    private final RedisConnection redis = new RedisConnection();

    @BeforeEach
    void connect() {
        redis.start();
    }

    @AfterEach
    void cleanUp() {
        for (String key : redis.client().keys(RedisIdempotentRepository.globEscape(prefix) + "*")) {
            redis.client().del(key);
        }
        redis.close();
    }

    private static Map<String, Object> order(String id, int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("n", n);
        body.put("customer", Map.of("name", "Ada"));
        return body;
    }

    @Test
    void xaddTrimsTheStreamToAboutItsMaxLengthKeepingTheNewest() throws Exception {
        String about = prefix + "about";
        String exact = prefix + "exact";
        String app = TestApp.unique("trim");
        int sent = 1000;
        try (TestApp running = TestApp.start(app, """
                systems:
                  feed: {adapter: contract-probe}
                  about: {adapter: redis-streams, stream: "%s"}
                  exact: {adapter: redis-streams, stream: "%s"}
                routes:
                  - name: append
                    from: feed
                    steps:
                      - to: {system: about, maxLength: 150}
                      - to: {system: exact, maxLength: 150, trim: exact}
                """.formatted(about, exact), workDir)) {
            for (int n = 1; n <= sent; n++) {
                running.feed(order("o-" + n, n), "corr-" + n);
            }
            Awaitility.await("the last message in both streams").atMost(PATIENCE).until(() -> lastId(about)
                    .equals("o-" + sent) && lastId(exact).equals("o-" + sent));
        }
        assertThat(redis.client().xlen(exact)).as("trim: exact").isEqualTo(150);
        assertThat(redis.client().xlen(about)).as("approximate: whole nodes are trimmed, never below maxLength")
                .isBetween(150L, 150L + NODE_ENTRIES);
        List<StreamEntry> kept = redis.client().xrange(exact, (StreamEntryID) null, (StreamEntryID) null);
        assertThat(TestApp.id(kept.get(0).getFields().get("payload"))).as("the oldest kept").isEqualTo("o-851");
        assertThat(kept.get(0).getFields()).as("the envelope next to the payload")
                .containsEntry("X-Correlation-Id", "corr-851").containsKey("UdmCreatedAt");
    }

    private String lastId(String stream) {
        List<StreamEntry> last = redis.client().xrevrange(stream, "+", "-", 1);
        return last.isEmpty() ? "" : TestApp.id(last.get(0).getFields().get("payload"));
    }

    @Test
    void setAndHsetWriteUnderTheKeyAndExpireAfterTheTtl() throws Exception {
        String app = TestApp.unique("values");
        try (TestApp running = TestApp.start(app, """
                systems:
                  feed: {adapter: contract-probe}
                  cache: {adapter: redis}
                  parked: {adapter: contract-probe}
                routes:
                  - name: keep
                    from: feed
                    steps:
                      - to: {system: cache, keyField: id, keyPrefix: "%1$sorder:", ttl: 10m}
                      - to: {system: cache, key: "'%1$scustomer:' + string(n)", type: hash, ttl: 90s}
                      - to: {system: cache, key: "'%1$sforever:' + id"}
                    deadLetter: parked
                """.formatted(prefix), workDir)) {
            running.feed(order("o-1", 7), "corr-1");
            Map<String, Object> noId = new LinkedHashMap<>(order("ignored", 8));
            noId.remove("id");
            running.feed(noId, "corr-2");
            Awaitility.await("the value written, the message without a key dead-lettered").atMost(PATIENCE)
                    .until(() -> redis.client().exists(prefix + "forever:o-1") && running.seen("parked").size() == 1);
        }
        String value = redis.client().get(prefix + "order:o-1");
        assertThat(RedisPeers.object(value)).as("SET: the body as JSON")
                .containsEntry("id", "o-1").containsEntry("n", 7L).containsEntry("customer", Map.of("name", "Ada"));
        assertThat(redis.client().pttl(prefix + "order:o-1")).as("ttl: 10m")
                .isPositive().isLessThanOrEqualTo(600_000L).isGreaterThan(500_000L);

        Map<String, String> hash = redis.client().hgetAll(prefix + "customer:7");
        assertThat(hash).as("HSET: a field per top-level field, text as it is, the rest as JSON")
                .containsEntry("id", "o-1").containsEntry("n", "7").containsEntry("customer", "{\"name\":\"Ada\"}");
        assertThat(redis.client().pttl(prefix + "customer:7")).as("ttl: 90s")
                .isPositive().isLessThanOrEqualTo(90_000L).isGreaterThan(30_000L);

        assertThat(redis.client().ttl(prefix + "forever:o-1")).as("no ttl: kept for ever").isEqualTo(-1L);
        assertThat(redis.client().exists(prefix + "order:null")).as("nothing written for the keyless message")
                .isFalse();
    }
}
