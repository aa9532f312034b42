package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * examples/parcel-tracking against the machine's Redis, in process and from the compiled YAML: scans added to the
 * stream are read in the consumer group and become each parcel's hash with a time to live (a delivered parcel also its
 * delivered key); invalid scans reach the failed stream with the reason — every scan sent is a parcel hash or a dead
 * letter, by id, and the group has nothing pending. The example's own file runs with its streams and key prefixes
 * renamed for this run only; the test deletes its keys after.
 */
class ParcelTrackingExampleTest {

    @TempDir
    Path tmp;

    private final String run = "uk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);

    @AfterEach
    void deleteKeys() {
        try {
            for (String key : redis.keys(run + "*")) {
                redis.del(key);
            }
        } finally {
            redis.close();
        }
    }

    @Test
    void scansBecomeParcelHashesWithATimeToLiveAndInvalidOnesTheFailedStreamWithTheReason() throws Exception {
        Path udl = tmp.resolve("tracking.udl.yaml");
        Files.writeString(udl, Files.readString(Path.of("parcel-tracking/tracking.udl.yaml"))
                .replace("stream: parcel-scans", "stream: " + run + "-scans").replace("'parcel:'", "'" + run + ":parcel:'")
                .replace("'delivered:'", "'" + run + ":delivered:'").replace("name: parcel-tracking", "name: " + run));
        List<String> rounds = new ArrayList<>();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            String r = String.valueOf(rounds.size() + 1);
            rounds.add(r);
            Map<String, String> scans = new LinkedHashMap<>();
            scans.put("s1", scan("s1-" + r, "PCL-" + r + "001", "in-transit"));
            scans.put("s2", scan("s2-" + r, "PCL-" + r + "002", "delivered"));
            scans.put("s3", scan("s3-" + r, "PCL-" + r + "003", "lost"));
            scans.put("s4", scan("s4-" + r, "parcel-" + r + "004", "received"));
            scans.put("s5", "{\"scan\": \"s5-" + r + "\", \"parcel\": \"PCL-" + r + "005\", \"status\": \"received\"}");
            for (String payload : scans.values()) {
                redis.xadd(run + "-scans", XAddParams.xAddParams().id(StreamEntryID.NEW_ENTRY),
                        Map.of("payload", payload));
            }
            Map<String, String> tracked = new TreeMap<>();
            Map<String, String> failed = new TreeMap<>();
            Awaitility.await("every scan tracked or failed").atMost(Duration.ofSeconds(60)).until(() -> {
                tracked.clear();
                for (String key : redis.keys(run + ":parcel:PCL-" + r + "*")) {
                    Map<String, String> hash = redis.hgetAll(key);
                    tracked.put(hash.get("scan").replace("-" + r, ""), hash.get("status"));
                }
                failed.clear();
                for (StreamEntry entry : redis.xrange(run + "-scans-failed", (StreamEntryID) null,
                        (StreamEntryID) null)) {
                    Map<?, ?> record = StrictJson.read(entry.getFields().get("payload"), Map.class);
                    Map<?, ?> scan = StrictJson.read(String.valueOf(record.get("payload")), Map.class);
                    if (String.valueOf(scan.get("scan")).endsWith("-" + r)) {
                        failed.put(String.valueOf(scan.get("scan")).replace("-" + r, ""), record.get("reason") + " "
                                + record.get("details"));
                    }
                }
                return tracked.size() + failed.size() == scans.size();
            });
            List<Object> seen = new ArrayList<>();
            seen.add(tracked);
            seen.add(List.copyOf(failed.keySet()));
            seen.add(List.of(failed.get("s3").contains("status"), failed.get("s4").contains("parcel"),
                    failed.get("s5").contains("depot")));
            long ttl = redis.ttl(run + ":parcel:PCL-" + r + "001");
            seen.add(ttl > Duration.ofDays(29).toSeconds() && ttl <= Duration.ofDays(30).toSeconds());
            long delivered = redis.ttl(run + ":delivered:PCL-" + r + "002");
            seen.add(delivered > Duration.ofDays(6).toSeconds() && delivered <= Duration.ofDays(7).toSeconds());
            seen.add(redis.exists(run + ":delivered:PCL-" + r + "001"));
            seen.add(redis.xpending(run + "-scans", "tracker").getTotal());
            return seen;
        });
        assertThat(outcomes.inProcess()).containsExactly(Map.of("s1", "in-transit", "s2", "delivered"),
                List.of("s3", "s4", "s5"), List.of(true, true, true), true, true, false, 0L);
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    private static String scan(String id, String parcel, String status) {
        return "{\"scan\": \"" + id + "\", \"parcel\": \"" + parcel + "\", \"status\": \"" + status
                + "\", \"depot\": \"Leeds\", \"at\": \"2026-12-02T10:15:00Z\"}";
    }
}
