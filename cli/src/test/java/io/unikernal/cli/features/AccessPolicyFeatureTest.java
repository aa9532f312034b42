package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.bucket4j.TimeMeter;
import io.unikernal.runtime.policy.ApiKeyStore;
import io.unikernal.runtime.policy.RateLimiter;
import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L1 API keys and L3 roles over real HTTP, both ways: no key, a wrong key, a revoked key and a missing role are all
 * refused (401/403), authorised callers pass, keys rotate through the keys file without a restart, and the presented
 * key never reaches the target. The rate limit, on a clock the test moves, admits burst + rate × time calls and
 * refuses the rest with 429 and Retry-After.
 */
class AccessPolicyFeatureTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    private HttpServer peer;
    private final List<String> keysSeenByPeer = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = Http.loopbackServer();
        peer.createContext("/echo", exchange -> {
            exchange.getRequestBody().readAllBytes();
            keysSeenByPeer.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key")));
            Http.respondJson(exchange, 200, "{\"ok\": true}");
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    /** Status and Retry-After of one call. */
    record Answer(int status, String retryAfter) {
    }

    private static Answer post(int port, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": 1}"));
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void onlyKnownKeysWithTheRoleGetThroughAndKeysRotateWithoutRestart() throws Exception {
        int port = Http.freePort();
        Path keys = tmp.resolve("keys.txt");
        Files.writeString(keys, "# id sha256 roles\ncarol " + ApiKeyStore.sha256Hex("carol-key-1") + " writer\n");
        String udl = """
                udl: 8
                name: guarded
                systems:
                  api:   {adapter: http, port: %d}
                  peer:  {adapter: http-client, url: "http://127.0.0.1:%d"}
                routes:
                  - name: write
                    from: {system: api, method: POST, path: /write}
                    policy:
                      auth:
                        apiKeys:
                          - {id: alice, sha256: "%s", roles: [writer]}
                          - {id: bob, sha256: "%s", roles: [reader]}
                        keysFile: "%s"
                        roles: [writer]
                    steps:
                      - to: {system: peer, path: /echo}
                """.formatted(port, peer.getAddress().getPort(), ApiKeyStore.sha256Hex("alice-key"),
                ApiKeyStore.sha256Hex("bob-key"), keys);

        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("guarded.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    Files.writeString(keys, "carol " + ApiKeyStore.sha256Hex("carol-key-1") + " writer\n");
                    keysSeenByPeer.clear();
                    List<Object> seen = new ArrayList<>();
                    seen.add(post(port, "/write", null).status());
                    seen.add(post(port, "/write", "not-a-key").status());
                    seen.add(post(port, "/write", "bob-key").status());
                    seen.add(post(port, "/write", "alice-key").status());
                    seen.add(post(port, "/write", "carol-key-1").status());
                    // rotation: carol's old key is revoked, her new one and dave's work, without a restart
                    Files.writeString(keys, "carol " + ApiKeyStore.sha256Hex("carol-key-2") + " writer\n"
                            + "dave " + ApiKeyStore.sha256Hex("dave-key") + " writer\n");
                    seen.add(post(port, "/write", "carol-key-1").status());
                    seen.add(post(port, "/write", "carol-key-2").status());
                    seen.add(post(port, "/write", "dave-key").status());
                    seen.add(List.copyOf(keysSeenByPeer));
                    return seen;
                });

        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess()).containsExactly(401, 401, 403, 200, 200, 401, 200, 200,
                List.of("null", "null", "null", "null"));
        String compiled = Files.readString(outcomes.emittedDir().resolve("guarded.camel.yaml"));
        assertThat(compiled).as("only hashes are compiled").doesNotContain("alice-key").doesNotContain("bob-key");
    }

    @Test
    void theRateLimitAdmitsBurstPlusRateTimesTimeAndRefusesTheRestWith429() throws Exception {
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: limited
                systems:
                  api: {adapter: http, port: %d}
                routes:
                  - name: ping
                    from: {system: api, method: POST, path: /ping}
                    policy:
                      auth:
                        apiKeys:
                          - {id: alice, sha256: "%s"}
                          - {id: bob, sha256: "%s"}
                      rateLimit: {rate: 2/s, burst: 3, per: caller}
                    reply: {status: 200, body: "{'pong': true}"}
                """.formatted(port, ApiKeyStore.sha256Hex("alice-key"), ApiKeyStore.sha256Hex("bob-key"));

        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("limited.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    ManualClock clock = new ManualClock();
                    app.context().getRegistry().bind(RateLimiter.TIME_METER, clock);
                    List<Object> seen = new ArrayList<>();
                    seen.add(statuses(port, "alice-key", 10));
                    seen.add(post(port, "/ping", "alice-key"));
                    seen.add(statuses(port, "bob-key", 4));
                    // 2 s in steps of 0.5 s: each step refills one permit (the bucket never holds more than burst)
                    for (int step = 0; step < 4; step++) {
                        clock.advance(Duration.ofMillis(500));
                        seen.add(statuses(port, "alice-key", 3));
                    }
                    return seen;
                });

        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        List<Object> seen = outcomes.inProcess();
        assertThat(seen.get(0)).as("burst of 3 at t=0").isEqualTo(counts(3, 7));
        assertThat(seen.get(1)).as("refused with the time to the next permit")
                .isEqualTo(new Answer(429, "1"));
        assertThat(seen.get(2)).as("bob has his own bucket").isEqualTo(counts(3, 1));
        assertThat(seen.subList(3, 7)).as("0.5 s at 2/s refills one permit").containsOnly(counts(1, 2));
        // alice over 2 s: burst + rate × time = 3 + 2 × 2 = 7 admitted
        int admitted = 0;
        for (Object step : List.of(seen.get(0), seen.get(3), seen.get(4), seen.get(5), seen.get(6))) {
            admitted += ((Map<?, ?>) step).get(200) instanceof Integer n ? n : 0;
        }
        assertThat(admitted).isEqualTo(3 + 2 * 2);
    }

    private static Map<Integer, Integer> statuses(int port, String key, int calls) throws Exception {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < calls; i++) {
            counts.merge(post(port, "/ping", key).status(), 1, Integer::sum);
        }
        return counts;
    }

    private static Map<Integer, Integer> counts(int admitted, int refused) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        counts.put(200, admitted);
        counts.put(429, refused);
        return counts;
    }

    /** A clock that only moves when the test says so. */
    static final class ManualClock implements TimeMeter {
        private final AtomicLong nanos = new AtomicLong();

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
