package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.ProbeAdapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table polled by its cursor beyond the contract suite, on embedded H2, the machine's PostgreSQL and MariaDB and an
 * SQLite file: the cursor moves only past finished rows (a failing row is read again, nothing after it is skipped,
 * and after a restart of the app no finished row comes again), a dead-lettered row is finished, rows of equal cursor
 * values are neither skipped nor repeated when a batch ends among them (cursorKey), and a query is polled as a table.
 */
class JdbcPollSourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** A stop that forces a row still being retried after 2 s, instead of Camel's default 45 s. */
    private static final Map<String, String> QUICK_STOP = Map.of("camel.main.shutdownTimeout", "2");

    @TempDir
    Path workDir;

    private final String table = "uk_src_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String app = "poll-" + table.replace('_', '-');

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2", (DatabaseFixture.Opener) dir -> H2Databases.inMemory()),
                Arguments.of("postgres", (DatabaseFixture.Opener) dir -> PostgresDatabases.machine()),
                Arguments.of("mariadb", (DatabaseFixture.Opener) dir -> MariaDbDatabases.machine()),
                Arguments.of("sqlite", (DatabaseFixture.Opener) SqliteContractTest::file));
    }

    /** An app whose route reads {@code from} (options of the db use) and sends each row to the probe seen. */
    private UdlRuntime start(Database database, String from, String steps) throws Exception {
        return start(database, from, steps, "");
    }

    /** As above, with {@code policy} lines after from. */
    private UdlRuntime start(Database database, String from, String steps, String policy) throws Exception {
        String probe = "{adapter: " + ProbeAdapter.NAME + "}";
        String udl = "udl: 8\nname: " + app + "\nsystems:\n  db: " + database.system() + "\n  seen: " + probe
                + "\n  parked: " + probe + "\n  tried: " + probe + "\nroutes:\n  - name: read\n    from: {system: db, "
                + from + ", pollInterval: 50ms}\n" + policy + "    steps:\n" + steps + "      - to: seen\n";
        Probes.forget(app);
        return UdlRuntime.start(ProbeApps.compile(app, udl, workDir), QUICK_STOP);
    }

    private List<String> seen() {
        return ProbeApps.ids(app, "seen");
    }

    private void insert(Database database, String... ids) throws Exception {
        insertInto(database, table, ids);
    }

    private static void insertInto(Database database, String table, String... ids) throws Exception {
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                "insert into " + table + " (id, n) values (?, ?)")) {
            for (String id : ids) {
                insert.setString(1, id);
                insert.setInt(2, Integer.parseInt(id.substring(1)));
                insert.executeUpdate();
            }
        }
    }

    /** The position the source saved, or null. */
    private String position(Database database, String name) throws Exception {
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(
                "select position from UNIKERNAL_CHECKPOINT where namespace = ? and name = ?")) {
            select.setString(1, app);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theCursorMovesOnlyPastFinishedRowsAndARestartReadsOnFromTheFirstUnfinished(String name,
            DatabaseFixture.Opener opener) throws Exception {
        String missing = table + "_later";
        try (Database database = opener.open(workDir)) {
            DatabaseFixture.execute(database, "create table " + table + " (seq "
                    + DatabaseFixture.PolledRows.identity(database.url()) + ", id varchar(40), n int)");
            // r3's step fails until its table exists, and the route retries it for long: r3 stays unfinished
            String steps = "      - to: tried\n      - choose:\n          - when: \"n == 3\"\n            to: {system: db,"
                    + " sql: \"insert into " + missing + "(id) values (:#id)\"}\n";
            String from = "table: " + table + ", cursor: seq, batchSize: 2";
            String retried = "    policy: {retry: {attempts: 100, initial: 500ms, max: 500ms}}\n";
            try {
                insert(database, "r1", "r2", "r3", "r4", "r5");
                try (UdlRuntime first = start(database, from, steps, retried)) {
                    Awaitility.await("r3 in its retries").atMost(PATIENCE)
                            .until(() -> ProbeApps.ids(app, "tried").contains("r3"));
                    insert(database, "r6");
                    Awaitility.await("r3 still in flight").during(Duration.ofMillis(300)).atMost(PATIENCE)
                            .until(() -> first.context().getInflightRepository().size() == 1);
                    assertThat(position(database, "db/" + table + "/seq")).as("the cursor on the last finished row")
                            .isEqualTo("[\"long:2\"]");
                    assertThat(seen()).as("nothing past the unfinished row").containsExactly("r1", "r2");
                } // the app stops while r3 is being retried
                assertThat(position(database, "db/" + table + "/seq")).as("the cursor after the stop")
                        .isEqualTo("[\"long:2\"]");
                DatabaseFixture.execute(database, "create table " + missing + " (id varchar(40))");
                try (UdlRuntime second = start(database, from, steps, retried)) {
                    Awaitility.await("r3 to r6").atMost(PATIENCE).until(() -> seen().size() >= 4);
                    Awaitility.await("the cursor on r6").atMost(PATIENCE)
                            .until(() -> "[\"long:6\"]".equals(position(database, "db/" + table + "/seq")));
                    assertThat(seen()).as("after the restart: the first unfinished row on, none finished before")
                            .containsExactly("r3", "r4", "r5", "r6");
                }
            } finally {
                DatabaseFixture.execute(database, "drop table " + table);
                DatabaseFixture.execute(database, "drop table if exists " + missing);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeadLetteredRowIsFinished(String name, DatabaseFixture.Opener opener) throws Exception {
        try (Database database = opener.open(workDir)) {
            DatabaseFixture.execute(database, "create table " + table + " (seq "
                    + DatabaseFixture.PolledRows.identity(database.url()) + ", id varchar(40), n int)");
            String steps = "      - choose:\n          - when: \"n == 2\"\n            to: {system: db, sql: \"insert"
                    + " into " + table + "_none(id) values (:#id)\"}\n";
            try {
                insert(database, "r1", "r2", "r3");
                String udlFrom = "table: " + table + ", cursor: seq";
                try (UdlRuntime running = startWithDeadLetter(database, udlFrom, steps)) {
                    Awaitility.await("r1 and r3 seen, r2 parked").atMost(PATIENCE)
                            .until(() -> seen().size() == 2 && ProbeApps.ids(app, "parked").size() == 1);
                    Awaitility.await("the cursor past the parked row").atMost(PATIENCE)
                            .until(() -> "[\"long:3\"]".equals(position(database, "db/" + table + "/seq")));
                    assertThat(seen()).containsExactly("r1", "r3");
                    assertThat(ProbeApps.ids(app, "parked")).containsExactly("r2");
                }
            } finally {
                DatabaseFixture.execute(database, "drop table " + table);
            }
        }
    }

    private UdlRuntime startWithDeadLetter(Database database, String from, String steps) throws Exception {
        String probe = "{adapter: " + ProbeAdapter.NAME + "}";
        String udl = "udl: 8\nname: " + app + "\nsystems:\n  db: " + database.system() + "\n  seen: " + probe
                + "\n  parked: " + probe + "\nroutes:\n  - name: read\n    from: {system: db, " + from
                + ", pollInterval: 50ms}\n    steps:\n" + steps + "      - to: seen\n    deadLetter: parked\n";
        Probes.forget(app);
        return UdlRuntime.start(ProbeApps.compile(app, udl, workDir), QUICK_STOP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void rowsOfEqualCursorValuesAreNeitherSkippedNorRepeatedWhenABatchEndsAmongThem(String name,
            DatabaseFixture.Opener opener) throws Exception {
        try (Database database = opener.open(workDir)) {
            String timestamp = database.url().startsWith("jdbc:mariadb:") ? "datetime(6)" : "timestamp";
            DatabaseFixture.execute(database, "create table " + table + " (k int primary key, id varchar(40), n int,"
                    + " updated_at " + timestamp + " not null)");
            String[] at = {"2026-12-01 10:00:00", "2026-12-01 10:00:00", "2026-12-01 10:00:00",
                    "2026-12-01 11:30:00.25", "2026-12-01 11:30:00.25", "2026-12-02 09:00:00", "2026-12-02 09:00:00"};
            try {
                // inserted out of key order: the source orders by (updated_at, k), not by arrival
                int[] keys = {3, 1, 2, 5, 4, 7, 6};
                for (int i = 0; i < keys.length; i++) {
                    insertAt(database, keys[i], at[keys[i] - 1]);
                }
                String from = "table: " + table + ", cursor: updated_at, cursorKey: k, batchSize: 2";
                try (UdlRuntime first = start(database, from, "")) {
                    Awaitility.await("seven rows").atMost(PATIENCE).until(() -> seen().size() >= 7);
                    Awaitility.await("the cursor on the last").atMost(PATIENCE)
                            .until(() -> position(database, "db/" + table + "/updated_at") != null
                                    && position(database, "db/" + table + "/updated_at").endsWith("\"long:7\"]"));
                    assertThat(seen()).as("each once, in (updated_at, k) order, though batches of 2 end inside runs"
                            + " of equal timestamps").containsExactly("k1", "k2", "k3", "k4", "k5", "k6", "k7");
                }
                insertAt(database, 8, at[6]); // equal to the last finished timestamp, a greater key
                try (UdlRuntime second = start(database, from, "")) {
                    Awaitility.await("the new row").atMost(PATIENCE).until(() -> !seen().isEmpty());
                    Awaitility.await("its cursor saved").atMost(PATIENCE)
                            .until(() -> position(database, "db/" + table + "/updated_at").endsWith("\"long:8\"]"));
                    assertThat(seen()).as("after a restart: only the new row").containsExactly("k8");
                }
            } finally {
                DatabaseFixture.execute(database, "drop table " + table);
            }
        }
    }

    private void insertAt(Database database, int key, String at) throws Exception {
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement("insert into " + table
                + " (k, id, n, updated_at) values (?, ?, ?, ?)")) {
            insert.setInt(1, key);
            insert.setString(2, "k" + key);
            insert.setInt(3, key);
            if (database.url().startsWith("jdbc:sqlite:")) {
                insert.setString(4, at); // SQLite keeps timestamps as the text written; ISO text orders as time
            } else {
                insert.setTimestamp(4, java.sql.Timestamp.valueOf(at));
            }
            insert.executeUpdate();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aQueryIsPolledAsATable(String name, DatabaseFixture.Opener opener) throws Exception {
        try (Database database = opener.open(workDir)) {
            DatabaseFixture.execute(database, "create table " + table + " (seq "
                    + DatabaseFixture.PolledRows.identity(database.url()) + ", id varchar(40), n int)");
            try {
                insert(database, "r1", "r2", "r3", "r4");
                String from = "query: \"select seq, id, n * 10 as tens from " + table + " where n in (2, 4, 6)\","
                        + " cursor: seq, batchSize: 1";
                try (UdlRuntime running = start(database, from, "")) {
                    Awaitility.await("the even rows").atMost(PATIENCE).until(() -> seen().size() >= 2);
                    insert(database, "r5", "r6");
                    Awaitility.await("the even row added").atMost(PATIENCE).until(() -> seen().size() >= 3);
                    Awaitility.await("its cursor saved").atMost(PATIENCE)
                            .until(() -> "[\"long:6\"]".equals(position(database, "db/query/seq")));
                    assertThat(seen()).containsExactly("r2", "r4", "r6");
                    assertThat(Probes.recorded(app, "seen").get(0).body()).asString().contains("tens=20");
                }
            } finally {
                DatabaseFixture.execute(database, "drop table " + table);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void startAtEndSkipsTheRowsThereAreOnlyOnTheFirstStart(String name, DatabaseFixture.Opener opener)
            throws Exception {
        String empty = table + "_e";
        try (Database database = opener.open(workDir)) {
            for (String t : List.of(table, empty)) {
                DatabaseFixture.execute(database, "create table " + t + " (seq "
                        + DatabaseFixture.PolledRows.identity(database.url()) + ", id varchar(40), n int)");
            }
            try {
                insert(database, "r1", "r2");
                String from = "table: " + table + ", cursor: seq, startAt: end";
                try (UdlRuntime first = start(database, from, "")) {
                    Awaitility.await("the last row there is saved").atMost(PATIENCE)
                            .until(() -> "[\"long:2\"]".equals(position(database, "db/" + table + "/seq")));
                    insert(database, "r3");
                    Awaitility.await("the row written after the start").atMost(PATIENCE)
                            .until(() -> !seen().isEmpty());
                    Awaitility.await("its cursor saved").atMost(PATIENCE)
                            .until(() -> "[\"long:3\"]".equals(position(database, "db/" + table + "/seq")));
                    assertThat(seen()).containsExactly("r3");
                }
                insert(database, "r4");
                try (UdlRuntime second = start(database, from, "")) {
                    Awaitility.await("the row written while stopped").atMost(PATIENCE).until(() -> !seen().isEmpty());
                    assertThat(seen()).as("a saved cursor wins over startAt").containsExactly("r4");
                }
                try (UdlRuntime onEmpty = start(database, "table: " + empty + ", cursor: seq, startAt: end", "")) {
                    Awaitility.await("an empty table's start saved").atMost(PATIENCE)
                            .until(() -> "[]".equals(position(database, "db/" + empty + "/seq")));
                    // a table empty at the start has nothing to skip: its first rows are messages
                    insertInto(database, empty, "e1");
                    Awaitility.await("the first row of the empty table").atMost(PATIENCE)
                            .until(() -> !seen().isEmpty());
                    assertThat(seen()).containsExactly("e1");
                }
            } finally {
                DatabaseFixture.execute(database, "drop table " + table);
                DatabaseFixture.execute(database, "drop table " + empty);
            }
        }
    }
}
