package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy.idempotency}: a replayed message is processed once, a failed one is forgotten so its retry is
 * processed — keys in PostgreSQL, or the embedded default. The redis store: {@link RedisIdempotencyFeatureTest}.
 */
class IdempotencyFeatureTest {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    Path tmp;

    @Test
    void aReplayedPaymentIsStoredOnceWithKeysInPostgres() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String table = "uk_payments_" + suffix;
        String app = "payments-" + suffix;
        Files.writeString(tmp.resolve("init.sql"),
                "create table if not exists " + table + " (id varchar(40), amount int);\n");
        Path udl = tmp.resolve("payments.udl.yaml");
        int port = Http.freePort();
        Files.writeString(udl, """
                udl: 8
                name: %s
                systems:
                  api: {adapter: http, port: %d}
                  db:  {adapter: postgres, init: init.sql}
                routes:
                  - name: pay
                    from: {system: api, method: POST, path: /pay}
                    policy:
                      idempotency: {key: "id", store: db}
                    steps:
                      - to: {system: db, sql: "insert into %s(id, amount) values (:#id, :#amount)"}
                    reply: {status: 201, body: "{'paid': id}"}
                """.formatted(app, port, table));
        try {
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl,
                    Map.of("camel.server.port", String.valueOf(port)), tmp, running -> {
                        sql("delete from " + table);
                        sql("delete from CAMEL_MESSAGEPROCESSED where processorName = '" + app + "/pay'");
                        List<Object> seen = new ArrayList<>();
                        seen.add(Http.post(port, "/pay", "{\"id\": \"p-1\", \"amount\": 5}"));
                        seen.add(Http.post(port, "/pay", "{\"id\": \"p-1\", \"amount\": 5}"));
                        seen.add(Http.post(port, "/pay", "{\"id\": \"p-2\", \"amount\": 7}"));
                        // the insert fails (amount is not a number): the key is removed, the corrected retry goes in
                        seen.add(Http.post(port, "/pay", "{\"id\": \"p-3\", \"amount\": \"x\"}").status());
                        seen.add(count("select count(*) from CAMEL_MESSAGEPROCESSED where processorName = '" + app
                                + "/pay' and messageId = 'p-3'"));
                        seen.add(Http.post(port, "/pay", "{\"id\": \"p-3\", \"amount\": 9}"));
                        seen.add(count("select count(*) from " + table));
                        return seen;
                    });
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
            assertThat(outcomes.inProcess()).containsExactly(new Http.Reply(201, Map.of("paid", "p-1")),
                    new Http.Reply(200, Map.of("duplicate", true)), new Http.Reply(201, Map.of("paid", "p-2")),
                    500, 0L, new Http.Reply(201, Map.of("paid", "p-3")), 3L);
        } finally {
            sql("drop table if exists " + table);
            sql("delete from CAMEL_MESSAGEPROCESSED where processorName = '" + app + "/pay'");
        }
    }

    @Test
    void withoutAStoreTheKeysLiveInAnEmbeddedDatabase() throws Exception {
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: once
                systems:
                  api: {adapter: http, port: %d}
                routes:
                  - name: hit
                    from: {system: api, method: POST, path: /hit}
                    policy:
                      idempotency: {key: "headers['X-Request-Id']"}
                    steps:
                      - transform: {set: {processed: "true"}}
                """.formatted(port);
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("once.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, running -> List.of(
                        Http.post(port, "/hit", "{\"n\": 1}", "X-Request-Id", "r-1"),
                        Http.post(port, "/hit", "{\"n\": 2}", "x-request-id", "r-1"),
                        Http.post(port, "/hit", "{\"n\": 3}", "X-Request-Id", "r-2")));
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess()).containsExactly(
                new Http.Reply(200, Map.of("n", 1L, "processed", true)),
                new Http.Reply(200, Map.of("duplicate", true)),
                new Http.Reply(200, Map.of("n", 3L, "processed", true)));
    }

    /** Twenty copies at once, the original held then failed: keys in the embedded H2 and in PostgreSQL. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"embedded", "postgres"})
    void copiesOfAPaymentInFlightAreToldToRetryAndTheRetryAfterItFailedIsProcessed(String store) throws Exception {
        String app = "inflight-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        int port = Http.freePort();
        try (HeldPeer peer = new HeldPeer()) {
            String udl = "embedded".equals(store) ? ConcurrentDuplicates.udl(app, port, peer, null, null)
                    : ConcurrentDuplicates.udl(app, port, peer, "db: {adapter: postgres}", "db");
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(app + ".udl.yaml", udl,
                    Map.of("camel.server.port", String.valueOf(port)), tmp,
                    running -> ConcurrentDuplicates.run(port, peer));
            assertThat(outcomes.inProcess()).isEqualTo(ConcurrentDuplicates.EXPECTED);
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        } finally {
            if ("postgres".equals(store)) {
                sql("delete from CAMEL_MESSAGEPROCESSED where processorName = '" + app + "/pay'");
            }
        }
    }

    /**
     * A one-way source has no caller to tell "retry": a copy arriving while the first is in flight is dead-lettered
     * with the reason, so it is kept should the first fail (it does here, and is dead-lettered too).
     */
    @Test
    void aCopyFromAQueueWhileTheFirstIsInFlightIsDeadLetteredNotDropped() throws Exception {
        int port = Http.freePort();
        try (HeldPeer ledger = new HeldPeer(); HeldPeer dead = new HeldPeer()) {
            String udl = """
                    udl: 8
                    name: oneway
                    systems:
                      api:    {adapter: http, port: %d}
                      queue:  {adapter: seda, concurrentConsumers: 2}
                      ledger: {adapter: http-client, url: "http://127.0.0.1:%d"}
                      dead:   {adapter: http-client, url: "http://127.0.0.1:%d"}
                    routes:
                      - name: accept
                        from: {system: api, method: POST, path: /pay}
                        steps:
                          - to: queue
                        reply: {status: 202, body: "{'accepted': id}"}
                      - name: pay
                        from: queue
                        policy:
                          idempotency: {key: "id"}
                        steps:
                          - to: {system: ledger, path: /book}
                        deadLetter: {system: dead, path: /dead}
                    """.formatted(port, ledger.port(), dead.port());
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("oneway.udl.yaml", udl,
                    Map.of("camel.server.port", String.valueOf(port)), tmp, running -> {
                        dead.clear();
                        ledger.hold(true);
                        String payment = "{\"id\": \"p-" + UUID.randomUUID() + "\"}";
                        List<Object> seen = new ArrayList<>();
                        seen.add(Http.post(port, "/pay", payment).status());
                        org.awaitility.Awaitility.await().until(() -> ledger.calls().size() == 1);
                        seen.add(Http.post(port, "/pay", payment).status());
                        org.awaitility.Awaitility.await().until(() -> dead.calls().size() == 1);
                        ledger.release();
                        org.awaitility.Awaitility.await().until(() -> dead.calls().size() == 2);
                        seen.add(dead.calls().stream()
                                .map(c -> c.body().contains("still being processed") ? "copy in flight" : "failed")
                                .toList());
                        seen.add(ledger.calls().size());
                        return seen;
                    });
            assertThat(outcomes.inProcess()).containsExactly(202, 202, List.of("copy in flight", "failed"), 1);
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); var s = c.createStatement()) {
            try {
                s.execute(statement);
            } catch (java.sql.SQLException e) {
                if (!statement.contains("CAMEL_MESSAGEPROCESSED")) {
                    throw e; // the keys table exists only once a route has used it
                }
            }
        }
    }

    private static long count(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); var s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
