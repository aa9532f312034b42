package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.JsonComparison;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jdbc adapter on the embedded H2 default and the postgres adapter on the machine's real PostgreSQL. */
class JdbcAdapterFeatureTest {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    Path tmp;

    private String udl(int port, String adapter, String table) throws Exception {
        Files.writeString(tmp.resolve("init.sql"),
                "create table if not exists " + table + " (id varchar(40) primary key, qty int not null);\n");
        Path file = tmp.resolve("stock.udl.yaml");
        Files.writeString(file, """
                udl: 8
                name: stock
                systems:
                  api: {adapter: http, port: %d}
                  db:  {adapter: %s, init: init.sql}
                routes:
                  - name: add
                    from: {system: api, method: POST, path: /items}
                    steps:
                      - to: {system: db, sql: "insert into %s(id, qty) values (:#id, :#qty)"}
                    reply: {status: 201, body: "{'id': id}"}
                  - name: list
                    from: {system: api, method: GET, path: /items}
                    steps:
                      - to: {system: db, sql: "select id, qty from %s order by id"}
                """.formatted(port, adapter, table, table));
        return file.toString();
    }

    private List<Object> scenario(int port) throws Exception {
        List<Object> seen = new ArrayList<>();
        seen.add(Http.post(port, "/items", "{\"id\":\"a\",\"qty\":2}"));
        seen.add(Http.post(port, "/items", "{\"id\":\"b\",\"qty\":5}"));
        seen.add(Http.get(port, "/items"));
        return seen;
    }

    @Test
    void embeddedH2IsTheDefaultAndStartsEmptyEachRun() throws Exception {
        int port = Http.freePort();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(Path.of(udl(port, "jdbc", "items")),
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> scenario(port));
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess().get(0)).isEqualTo(new Http.Reply(201, Map.of("id", "a")));
        assertThat(JsonComparison.differences(List.of(Map.of("id", "a", "qty", 2), Map.of("id", "b", "qty", 5)),
                ((Http.Reply) outcomes.inProcess().get(2)).body())).isEmpty();
    }

    /** A second row with an existing key is the caller's conflict: 409 naming the key, on H2 and PostgreSQL. */
    @Test
    void aDuplicateKeyIsTheCallersConflictNamingTheKey() throws Exception {
        for (String adapter : List.of("jdbc", "postgres")) {
            String table = "uk_dup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            int port = Http.freePort();
            try {
                TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(Path.of(udl(port, adapter, table)),
                        Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                            List<Object> seen = new ArrayList<>();
                            seen.add(Http.post(port, "/items", "{\"id\":\"a\",\"qty\":2}").status());
                            Http.Reply duplicate = Http.post(port, "/items", "{\"id\":\"a\",\"qty\":3}");
                            seen.add(duplicate.status());
                            seen.add(duplicate.body() instanceof Map<?, ?> m ? m.get("error") : duplicate.body());
                            if (adapter.equals("postgres")) {
                                try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
                                        var s = c.createStatement()) {
                                    s.execute("delete from " + table);
                                }
                            }
                            return seen;
                        });
                assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
                assertThat(outcomes.inProcess()).as(adapter)
                        .containsExactly(201, 409, "a record with id a already exists");
            } finally {
                if (adapter.equals("postgres")) {
                    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
                            var s = c.createStatement()) {
                        s.execute("drop table if exists " + table);
                    }
                }
            }
        }
    }

    @Test
    void postgresStoresAndQueriesRows() throws Exception {
        String table = "uk_items_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        int port = Http.freePort();
        try {
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(Path.of(udl(port, "postgres", table)),
                    Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                        List<Object> seen = scenario(port);
                        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
                                var s = c.createStatement()) {
                            s.execute("delete from " + table);
                        }
                        return seen;
                    });
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
            assertThat(JsonComparison.differences(List.of(Map.of("id", "a", "qty", 2), Map.of("id", "b", "qty", 5)),
                    ((Http.Reply) outcomes.inProcess().get(2)).body())).isEmpty();
        } finally {
            try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); var s = c.createStatement()) {
                s.execute("drop table if exists " + table);
            }
        }
    }
}
