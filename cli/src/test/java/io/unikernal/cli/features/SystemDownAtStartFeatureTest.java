package io.unikernal.cli.features;

import io.unikernal.testkit.http.Http;
import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.Observability;
import io.unikernal.testkit.server.PrivatePostgres;
import io.unikernal.testkit.server.PrivateRedis;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system that is down when the app starts (a private server of the test's own, started only later): the app starts
 * anyway, {@code /observe/health} reports the system DOWN with the cause, a message that needs it fails and is
 * retried and dead-lettered (not lost), and once the server is started the system is UP by itself and the next
 * message goes through. In process and from the emitted YAML on plain Camel Main; and through {@code unikernal run},
 * which says so in one WARN line.
 */
class SystemDownAtStartFeatureTest {

    private static final String PG_PASSWORD = "pw-" + UUID.randomUUID();
    private static PrivatePostgres postgres;

    @TempDir
    Path tmp;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @BeforeAll
    static void createPostgres() {
        postgres = PrivatePostgres.create(PG_PASSWORD);
    }

    @AfterAll
    static void removePostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The properties of a run: its port, health on it, and a quick retry so the test need not wait seconds. */
    private static Map<String, String> overrides(int port) {
        Map<String, String> overrides = new HashMap<>(Observability.properties("127.0.0.1", port));
        overrides.put("camel.server.port", String.valueOf(port));
        overrides.put("unikernal.systems.retryInitial", "100ms");
        overrides.put("unikernal.systems.retryMax", "500ms");
        return overrides;
    }

    @Test
    void aDatabaseDownAtStartIsReportedDownItsMessagesAreDeadLetteredAndItIsUsedOnceItIsUp() throws Exception {
        String secret = "UK_DOWN_PG_" + suffix;
        System.setProperty("unikernal.secret." + secret, PG_PASSWORD);
        Path parked = tmp.resolve("parked");
        Files.writeString(tmp.resolve("init.sql"), "create table if not exists items (id varchar(40) primary key);\n");
        int port = Http.freePort();
        Path udl = tmp.resolve("down-db.udl.yaml");
        Files.writeString(udl, """
                udl: 8
                name: down-db
                systems:
                  api:    {adapter: http, port: %d}
                  db:     {adapter: postgres, url: "%s", user: postgres, password: "${secret:%s}", init: init.sql}
                  parked: {adapter: file, directory: "%s"}
                routes:
                  - name: add
                    from: {system: api, method: POST, path: /items}
                    policy:
                      retry: {attempts: 2, initial: 10ms}
                    steps:
                      - to: {system: db, sql: "insert into items(id) values (:#id)"}
                    reply: {status: 201, body: "{'id': id}"}
                    deadLetter: parked
                """.formatted(port, postgres.url("postgres"), secret, parked));
        try {
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, overrides(port), tmp, app -> {
                ResiliencePolicyFeatureTest.deleteAll(parked);
                List<Object> seen = new ArrayList<>();
                Map<String, Object> down = systemCheck(port, "db");
                seen.add(down.get("status"));
                seen.add(String.valueOf(down.get("message")).contains("127.0.0.1:" + postgres.port() + " refused"));
                Http.Reply failed = Http.post(port, "/items", "{\"id\": \"a\"}");
                seen.add(failed.status());
                seen.add(((Map<?, ?>) failed.body()).get("error"));
                Map<String, Object> record = ResiliencePolicyFeatureTest.readRecords(parked).get(0);
                seen.add(record.get("payload"));
                seen.add(record.get("attempts"));
                postgres.start();
                try {
                    awaitUp(port, "db");
                    seen.add(Http.post(port, "/items", "{\"id\": \"b\"}"));
                    seen.add(ids());
                } finally {
                    dropItems();
                    postgres.stop();
                }
                return seen;
            });
            assertThat(outcomes.inProcess()).containsExactly("DOWN", true, 500,
                    "the message could not be processed; it was kept in the dead-letter destination",
                    "{\"id\": \"a\"}", 2L,
                    new Http.Reply(201, Map.of("id", "b")),
                    List.of("b")); // the init SQL made the table once the database was there
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        } finally {
            System.clearProperty("unikernal.secret." + secret);
        }
    }

    @Test
    void aRedisStoreDownAtStartIsReportedDownAndKeepsTheKeysOnceItIsUp() throws Exception {
        try (PrivateRedis redis = PrivateRedis.create(null)) {
            int port = Http.freePort();
            String udl = """
                    udl: 8
                    name: down-cache
                    systems:
                      api:   {adapter: http, port: %d}
                      cache: {adapter: redis, port: %d}
                    routes:
                      - name: pay
                        from: {system: api, method: POST, path: /pay}
                        policy:
                          idempotency: {key: "id", store: cache}
                        steps:
                          - transform: {set: {paid: "true"}}
                        reply: {status: 201, body: "{'paid': id}"}
                    """.formatted(port, redis.port());
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("down-cache.udl.yaml", udl, overrides(port), tmp,
                    app -> {
                        List<Object> seen = new ArrayList<>();
                        Map<String, Object> down = systemCheck(port, "cache");
                        seen.add(down.get("status"));
                        seen.add(String.valueOf(down.get("message")));
                        seen.add(Http.post(port, "/pay", "{\"id\": \"p-1\"}").status());
                        redis.start();
                        try {
                            awaitUp(port, "cache");
                            seen.add(Http.post(port, "/pay", "{\"id\": \"p-1\"}"));
                            seen.add(Http.post(port, "/pay", "{\"id\": \"p-1\"}"));
                        } finally {
                            redis.stop();
                        }
                        return seen;
                    });
            assertThat(outcomes.inProcess()).containsExactly("DOWN",
                    "Failed to connect to 127.0.0.1:" + redis.port() + ".", 500,
                    new Http.Reply(201, Map.of("paid", "p-1")), // the failed attempt kept no key
                    new Http.Reply(200, Map.of("duplicate", true)));
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        }
    }

    /** {@code unikernal run} starts, says in one WARN line which system is down and why, and serves once it is up. */
    @Test
    void theCliWarnsOnceThatASystemIsDownAndBecomesHealthyWhenItIsUp() throws Exception {
        try (PrivateRedis redis = PrivateRedis.create(null)) {
            int port = Http.freePort();
            Path udl = tmp.resolve("cli-down.udl.yaml");
            Files.writeString(udl, """
                    udl: 8
                    name: cli-down
                    systems:
                      api:   {adapter: http, port: %d}
                      cache: {adapter: redis, port: %d}
                    routes:
                      - name: pay
                        from: {system: api, method: POST, path: /pay}
                        policy:
                          idempotency: {key: "id", store: cache}
                        steps:
                          - transform: {set: {paid: "true"}}
                        reply: {status: 201}
                    """.formatted(port, redis.port()));
            try (CliProcess app = CliProcess.start(tmp, Map.of(), "run", udl.toString(),
                    "-D", "unikernal.systems.retryInitial=100ms", "-D", "unikernal.systems.retryMax=500ms")) {
                app.awaitRunning();
                assertThat(systemCheck(port, "cache").get("status")).isEqualTo("DOWN");
                redis.start();
                app.awaitServing(port);
                app.close();
                List<String> warnings = app.output().lines().filter(line -> line.contains("WARN")).toList();
                assertThat(warnings).as(app.output()).singleElement().asString()
                        .contains("system cache (redis) is down: Failed to connect to 127.0.0.1:" + redis.port())
                        .contains("retries");
                assertThat(app.output()).contains("system cache (redis) is up").doesNotContain("Exception");
            }
        }
    }

    /** The health check of one system, from {@code /observe/health} (which answers 503 while a check is DOWN). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> systemCheck(int port, String system) throws Exception {
        Http.Reply health = Http.get(port, Observability.HEALTH_PATH + "?exposureLevel=full");
        List<Map<String, Object>> checks = (List<Map<String, Object>>) ((Map<String, Object>) health.body())
                .get("checks");
        return checks.stream().filter(check -> ("system:" + system).equals(check.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no health check of system " + system + ": " + health));
    }

    private static void awaitUp(int port, String system) {
        Awaitility.await("system " + system + " is UP").atMost(2, TimeUnit.MINUTES)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "UP".equals(systemCheck(port, system).get("status")));
    }

    private static List<String> ids() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.url("postgres"), "postgres", PG_PASSWORD);
                ResultSet rows = c.createStatement().executeQuery("select id from items order by id")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static void dropItems() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.url("postgres"), "postgres", PG_PASSWORD)) {
            c.createStatement().execute("drop table if exists items");
        }
    }
}
