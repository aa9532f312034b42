package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;

/**
 * {@code policy.idempotency} with a {@code redis} store, against the machine's Redis (127.0.0.1:6379) and a ledger
 * peer on loopback: a replayed payment reaches the ledger once, and a payment the ledger failed is forgotten so its
 * retry goes through. Every app has its own name, so its keys ({@code unikernal:processed:<app>/<route>:}) are its
 * own; they are deleted afterwards.
 */
class RedisIdempotencyFeatureTest {

    @TempDir
    Path tmp;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<String> booked = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ledgerDown = new AtomicBoolean();
    private HttpServer ledger;
    private UnifiedJedis redis;

    @BeforeEach
    void start() throws Exception {
        redis = RedisClient.create("127.0.0.1", 6379);
        ledger = Http.loopbackServer();
        ledger.createContext("/book", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (ledgerDown.get()) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            booked.add(String.valueOf(StrictJson.read(body, Map.class).get("id")));
            Http.respondJson(exchange, 200, body);
        });
        ledger.start();
    }

    @AfterEach
    void stop() {
        ledger.stop(0);
        keys("unikernal:processed:").stream().filter(k -> k.contains(suffix)).forEach(redis::del);
        redis.close();
    }

    @Test
    void aReplayedPaymentIsBookedOnceAndAFailedOneIsRetried() throws Exception {
        String app = "pay-" + suffix;
        String prefix = "unikernal:processed:" + app + "/pay:";
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: %s
                systems:
                  api:    {adapter: http, port: %d}
                  ledger: {adapter: http-client, url: "http://127.0.0.1:%d"}
                  cache:  {adapter: redis, keepFor: 7d}
                routes:
                  - name: pay
                    from: {system: api, method: POST, path: /pay}
                    policy:
                      idempotency: {key: "id", store: cache}
                    steps:
                      - to: {system: ledger, path: /book}
                    reply: {status: 201, body: "{'paid': id}"}
                """.formatted(app, port, ledger.getAddress().getPort());
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(app + ".udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, running -> {
                    keys(prefix).forEach(redis::del); // the two runs share the server
                    booked.clear();
                    List<Object> seen = new ArrayList<>();
                    seen.add(Http.post(port, "/pay", "{\"id\": \"p-1\", \"amount\": 5}"));
                    seen.add(Http.post(port, "/pay", "{\"id\": \"p-1\", \"amount\": 5}"));
                    ledgerDown.set(true);
                    seen.add(Http.post(port, "/pay", "{\"id\": \"p-2\", \"amount\": 7}").status());
                    seen.add(redis.exists(prefix + "p-2"));
                    ledgerDown.set(false);
                    seen.add(Http.post(port, "/pay", "{\"id\": \"p-2\", \"amount\": 7}"));
                    seen.add(Http.post(port, "/pay", "{\"id\": \"p-2\", \"amount\": 7}"));
                    seen.add(List.copyOf(booked));
                    seen.add(keys(prefix).stream().sorted().toList());
                    long ttl = redis.ttl(prefix + "p-1");
                    seen.add(ttl > 0 && ttl <= 7 * 24 * 3600);
                    return seen;
                });
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess()).containsExactly(
                new Http.Reply(201, Map.of("paid", "p-1")),
                new Http.Reply(200, Map.of("duplicate", true)),
                500,
                false, // the failed payment's key was removed ...
                new Http.Reply(201, Map.of("paid", "p-2")), // ... so its retry is processed
                new Http.Reply(200, Map.of("duplicate", true)),
                List.of("p-1", "p-2"),
                List.of(prefix + "p-1", prefix + "p-2"),
                true);
    }

    /** Twenty copies at once, the original held then failed, keys in Redis: see {@link ConcurrentDuplicates}. */
    @Test
    void copiesOfAPaymentInFlightAreToldToRetryAndTheRetryAfterItFailedIsProcessed() throws Exception {
        String app = "inflight-" + suffix;
        int port = Http.freePort();
        try (HeldPeer peer = new HeldPeer()) {
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(app + ".udl.yaml",
                    ConcurrentDuplicates.udl(app, port, peer, "cache: {adapter: redis}", "cache"),
                    Map.of("camel.server.port", String.valueOf(port)), tmp,
                    running -> ConcurrentDuplicates.run(port, peer));
            assertThat(outcomes.inProcess()).isEqualTo(ConcurrentDuplicates.EXPECTED);
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        }
    }

    /**
     * A store that needs a password: an ACL user made for this test, the password given as {@code ${secret:NAME}}.
     * The compiled files keep the placeholder, never the value, and both runs authenticate with it.
     */
    @Test
    void thePasswordComesFromASecretAndNeverReachesTheCompiledFiles() throws Exception {
        String app = "secret-" + suffix;
        String user = "uk-" + suffix;
        String password = "pw-" + UUID.randomUUID();
        String secret = "UK_REDIS_PASSWORD_" + suffix;
        String prefix = "unikernal:processed:" + app + "/hit:";
        try (Jedis admin = new Jedis("127.0.0.1", 6379)) {
            admin.aclSetUser(user, "reset", "on", ">" + password, "~unikernal:processed:*", "+@all");
        }
        System.setProperty("unikernal.secret." + secret, password);
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: %s
                systems:
                  api:   {adapter: http, port: %d}
                  cache: {adapter: redis, host: 127.0.0.1, port: 6379, database: 0, user: %s, password: "${secret:%s}"}
                routes:
                  - name: hit
                    from: {system: api, method: POST, path: /hit}
                    policy:
                      idempotency: {key: "headers['X-Request-Id']", store: cache}
                    steps:
                      - transform: {set: {processed: "true"}}
                """.formatted(app, port, user, secret);
        try {
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(app + ".udl.yaml", udl,
                    Map.of("camel.server.port", String.valueOf(port)), tmp, running -> {
                        keys(prefix).forEach(redis::del);
                        return List.of(
                                Http.post(port, "/hit", "{\"n\": 1}", "X-Request-Id", "r-1"),
                                Http.post(port, "/hit", "{\"n\": 2}", "X-Request-Id", "r-1"),
                                keys(prefix));
                    });
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
            assertThat(outcomes.inProcess()).containsExactly(
                    new Http.Reply(200, Map.of("n", 1L, "processed", true)),
                    new Http.Reply(200, Map.of("duplicate", true)),
                    List.of(prefix + "r-1"));
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> all = Files.walk(outcomes.emittedDir())) {
                for (Path file : all.filter(Files::isRegularFile).toList()) {
                    files.put(file.getFileName().toString(), Files.readString(file));
                }
            }
            assertThat(files).isNotEmpty();
            assertThat(String.join("\n", files.values())).contains("{{secret:" + secret + "}}")
                    .doesNotContain(password);
        } finally {
            System.clearProperty("unikernal.secret." + secret);
            try (Jedis admin = new Jedis("127.0.0.1", 6379)) {
                admin.aclDelUser(user);
            }
        }
    }

    private List<String> keys(String prefix) {
        List<String> found = new ArrayList<>();
        ScanParams match = new ScanParams().match(prefix + "*").count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = redis.scan(cursor, match);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return found;
    }
}
