package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.ProbeAdapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mode: upsert} in each database's own dialect and a list body as one batch (one transaction, or one per row),
 * against embedded H2, the machine's PostgreSQL and MariaDB, and an SQLite file: the rows the database holds after.
 */
class UpsertAndBatchTest {

    @TempDir
    Path workDir;

    private final String table = "uk_up_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String app = "upsert-" + table.replace('_', '-');

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2", (DatabaseFixture.Opener) dir -> H2Databases.inMemory()),
                Arguments.of("postgres", (DatabaseFixture.Opener) dir -> PostgresDatabases.machine()),
                Arguments.of("mariadb", (DatabaseFixture.Opener) dir -> MariaDbDatabases.machine()),
                Arguments.of("sqlite", (DatabaseFixture.Opener) SqliteContractTest::file));
    }

    private UdlRuntime start(Database database, String use) throws Exception {
        String probe = "{adapter: " + ProbeAdapter.NAME + "}";
        String udl = "udl: 8\nname: " + app + "\nsystems:\n  feed: " + probe + "\n  parked: " + probe + "\n  db: "
                + database.system() + "\nroutes:\n  - name: write\n    from: feed\n    steps:\n"
                + "      - to: {system: db, "
                + use + "}\n    deadLetter: parked\n";
        Probes.forget(app);
        return UdlRuntime.start(ProbeApps.compile(app, udl, workDir), Map.of());
    }

    private static void send(UdlRuntime runtime, String app, Object body) throws Exception {
        try (ProducerTemplate producer = runtime.context().createProducerTemplate()) {
            producer.requestBody(Probes.feedUri(app, "feed"), body); // waits for the route to finish
        }
    }

    /** The reason and details of each dead letter so far. */
    private List<String> failures() {
        return Probes.recorded(app, "parked").stream().map(r -> (Map<?, ?>) r.body())
                .map(b -> b.get("reason") + " | " + b.get("details")).toList();
    }

    private static Map<String, Object> row(String id, int qty) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("qty", qty);
        return row;
    }

    private void sql(Database database, String statement) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The table's rows as id=qty, by id. */
    private String rows(Database database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select id, qty from " + table + " order by id")) {
            while (r.next()) {
                rows.add(r.getString(1) + "=" + r.getInt(2));
            }
        }
        return String.join(" ", rows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRecordWithAKeyThatExistsUpdatesItsRowAndAListIsOneBatch(String name, DatabaseFixture.Opener opener)
            throws Exception {
        try (Database database = opener.open(workDir)) {
            sql(database, "create table " + table + " (id varchar(40) primary key, qty int not null)");
            try (UdlRuntime runtime = start(database, "mode: upsert, sql: \"insert into " + table
                    + "(id, qty) values (:#id, :#qty)\"")) {
                send(runtime, app, row("a", 1));
                send(runtime, app, row("a", 5));
                send(runtime, app, row("b", 2));
                assertThat(rows(database)).isEqualTo("a=5 b=2");

                send(runtime, app, List.of(row("b", 7), row("c", 3), row("c", 4)));
                assertThat(rows(database)).as("later items of a batch win").isEqualTo("a=5 b=7 c=4");

                List<Map<String, Object>> many = IntStream.range(0, 500).mapToObj(i -> row("m" + i, i))
                        .collect(Collectors.toList());
                send(runtime, app, many);
                try (Connection c = database.connect(); Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("select count(*), sum(qty) from " + table
                                + " where id like 'm%'")) {
                    r.next();
                    assertThat(r.getInt(1)).isEqualTo(500);
                    assertThat(r.getLong(2)).isEqualTo(499L * 500 / 2);
                }
            } finally {
                sql(database, "drop table " + table);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchIsOneTransactionOrOnePerRow(String name, DatabaseFixture.Opener opener) throws Exception {
        try (Database database = opener.open(workDir)) {
            sql(database, "create table " + table + " (id varchar(40) primary key, qty int not null)");
            String insert = "sql: \"insert into " + table + "(id, qty) values (:#id, :#qty)\"";
            try {
                try (UdlRuntime runtime = start(database, insert)) {
                    send(runtime, app, List.of(row("a", 1), row("b", 2)));
                    assertThat(rows(database)).isEqualTo("a=1 b=2");
                    // c is new, b is a duplicate: the whole list fails and nothing of it stays
                    assertThat(failures()).isEmpty();
                    send(runtime, app, List.of(row("c", 3), row("b", 9)));
                    assertThat(failures()).hasSize(1);
                    assertThat(rows(database)).isEqualTo("a=1 b=2");
                    Map<String, Object> noQty = new LinkedHashMap<>(Map.of("id", "d"));
                    send(runtime, app, List.of(row("e", 1), noQty));
                    assertThat(failures()).hasSize(2).last().asString()
                            .startsWith("item 2 of the list has no field 'qty' for :#qty");
                    assertThat(rows(database)).isEqualTo("a=1 b=2");
                }
                try (UdlRuntime runtime = start(database, insert + ", transaction: row")) {
                    send(runtime, app, List.of(row("c", 3), row("b", 9), row("d", 4)));
                    // the duplicate is the caller's conflict naming the key (SQLite names the column, not the value)
                    assertThat(failures()).singleElement().asString().containsAnyOf("with id b already exists",
                            "with key PRIMARY b already exists", "with the same id already exists");
                    assertThat(rows(database)).as("rows before the failing one stay").isEqualTo("a=1 b=2 c=3");
                }
            } finally {
                sql(database, "drop table " + table);
            }
        }
    }
}
