package io.unikernal.etl.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.etl.run.PipelineApp;
import io.unikernal.etl.run.Progress;
import io.unikernal.etl.run.RunSummary;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database sources and targets from UDL, through the pipelines' runner: a CSV file upserted into SQLite, a PostgreSQL
 * table read by its cursor into MariaDB and H2, a rerun that loads only the rows written since, and the source's
 * checks at their file:line:col.
 */
class DatabasePipelinesTest {

    @TempDir
    Path dir;

    private RunSummary run(String udl, String pipeline) throws Exception {
        Path file = dir.resolve("app.udl");
        Files.writeString(file, udl);
        UdlDocument doc = new UdlParser(Adapters.installed()).load(file);
        try (PipelineApp app = PipelineApp.start(doc, dir)) {
            return app.run(pipeline, Progress.NONE);
        }
    }

    @Test
    void aCsvFileIsUpsertedIntoSqliteAndARerunAddsNothing() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "id,name,amount\n1,\"Ann, A.\",1.50\n2,Bob,x\n1,Ann B.,2.25\n");
        try (Db.Tables sqlite = new Db.Tables(Db.SQLITE.pool(dir))) {
            String table = sqlite.create("people", "id integer primary key, name varchar(20), amount decimal(7,2)");
            String udl = "udl: 8\nname: sq" + Long.toString(System.nanoTime(), 36) + "\nsystems:\n"
                    + "  lite: {adapter: sqlite, url: \"" + Db.SQLITE.url(dir) + "\"}\npipelines:\n"
                    + "  - name: load\n    source: {adapter: file, path: people.csv}\n"
                    + "    target: {system: lite, table: " + table + ", mode: upsert, key: id}\n"
                    + "    rejects: {path: rejects.jsonl, threshold: 5}\n";
            RunSummary first = run(udl, "load");
            assertThat(List.of(first.read(), first.written(), first.rejected())).containsExactly(3L, 2L, 1L);
            assertThat(sqlite.rows("SELECT id, name, amount FROM " + table)).containsExactly(
                    List.of("1", "Ann B.", "2.25"));
            assertThat(Files.readString(dir.resolve("rejects.jsonl"))).contains("column amount", "people.csv:3");
            RunSummary again = run(udl, "load");
            assertThat(again.read()).isZero();
        }
    }

    @Test
    void aPostgresTableIsReadByItsCursorIntoMariaDbAndH2AndARerunLoadsOnlyTheNewRows() throws Exception {
        try (Db.Tables pg = new Db.Tables(Db.POSTGRESQL.pool(dir)); Db.Tables maria = new Db.Tables(Db.MARIADB.pool(dir));
                Db.Tables h2 = new Db.Tables(Db.H2.pool(dir))) {
            String from = pg.create("etl_from", "id bigint primary key, name text, updated timestamp not null");
            pg.execute("INSERT INTO " + from + " SELECT i, 'n' || i, timestamp '2026-12-01' + (i / 2) * interval '1 s'"
                    + " FROM generate_series(1, 500) i");
            String toMaria = maria.create("etl_to", "id bigint primary key, name varchar(20), updated datetime(6)");
            String toH2 = h2.create("etl_to", "id bigint primary key, name varchar(20), updated timestamp");
            String app = "db" + Long.toString(System.nanoTime(), 36);
            String udl = "udl: 8\nname: " + app + "\nsystems:\n"
                    + "  pg: {adapter: postgres, url: \"" + Db.POSTGRESQL.url(dir) + "\", user: postgres}\n"
                    + "  maria: {adapter: mariadb, url: \"" + Db.MARIADB.url(dir) + "\", user: root}\n"
                    + "  h2: {adapter: jdbc, url: \"" + Db.H2.url(dir) + "\", user: sa}\npipelines:\n"
                    + "  - name: to-maria\n    source: {system: pg, table: " + from + ", cursor: updated}\n"
                    + "    target: {system: maria, table: " + toMaria + "}\n    batch: {rows: 64}\n"
                    + "  - name: to-h2\n    source: {system: pg, query: \"SELECT id, name, updated FROM " + from
                    + " WHERE id % 2 = 0\", cursor: updated, cursorKey: id}\n"
                    + "    target: {system: h2, table: " + toH2 + ", mode: upsert, key: id}\n";
            assertThat(run(udl, "to-maria").written()).isEqualTo(500);
            assertThat(run(udl, "to-h2").written()).isEqualTo(250);
            pg.execute("INSERT INTO " + from + " VALUES (501, 'late', timestamp '2026-12-02')");
            assertThat(run(udl, "to-maria").written()).isEqualTo(1);
            assertThat(maria.rows("SELECT count(*), count(DISTINCT id), sum(id) FROM " + toMaria).get(0))
                    .containsExactly("501", "501", String.valueOf(501L * 502 / 2));
            assertThat(h2.rows("SELECT count(*) FROM " + toH2).get(0)).containsExactly("250");
            pg.execute("DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace LIKE '" + app + "/%'");
            maria.execute("DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace LIKE '" + app + "/%'");
        }
    }

    @Test
    void aHybridPipelineBackfillsAPostgresTableIntoMariaDbThenFollowsItWithNoGapAndNoOverlap() throws Exception {
        try (Db.Tables pg = new Db.Tables(Db.POSTGRESQL.pool(dir));
                Db.Tables maria = new Db.Tables(Db.MARIADB.pool(dir))) {
            String from = pg.create("etl_hy", "id bigint primary key, name text");
            pg.execute("INSERT INTO " + from + " SELECT i, 'n' || i FROM generate_series(1, 300) i");
            // insert mode on a primary key: a row read twice fails its batch; one skipped leaves the count short
            String to = maria.create("etl_hy", "id bigint primary key, name varchar(20)");
            String app = "hy" + Long.toString(System.nanoTime(), 36);
            Path file = dir.resolve("app.udl");
            Files.writeString(file, "udl: 8\nname: " + app + "\nsystems:\n"
                    + "  pg: {adapter: postgres, url: \"" + Db.POSTGRESQL.url(dir) + "\", user: postgres}\n"
                    + "  maria: {adapter: mariadb, url: \"" + Db.MARIADB.url(dir) + "\", user: root}\npipelines:\n"
                    + "  - name: follow\n    stream: true\n    backfill: true\n"
                    + "    source: {system: pg, table: " + from + ", cursor: id}\n"
                    + "    target: {system: maria, table: " + to + "}\n    batch: {rows: 50, time: 200ms}\n");
            UdlDocument doc = new UdlParser(Adapters.installed()).load(file);
            var compiled = new io.unikernal.compile.UdlCompiler(Adapters.installed()).compile(doc, dir,
                    io.unikernal.compile.CompileOptions.DEFAULT);
            try (var runtime = io.unikernal.runtime.UdlRuntime.start(compiled, java.util.Map.of())) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                        .until(() -> count(maria, to) == 300);
                pg.execute("INSERT INTO " + from + " SELECT i, 'n' || i FROM generate_series(301, 400) i");
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                        .until(() -> count(maria, to) == 400);
            }
            assertThat(maria.rows("SELECT count(DISTINCT id), sum(id) FROM " + to).get(0))
                    .containsExactly("400", String.valueOf(400L * 401 / 2));
            pg.execute("DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace LIKE '" + app + "/%'");
            maria.execute("DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace LIKE '" + app + "/%'");
        }
    }

    private static long count(Db.Tables tables, String table) throws Exception {
        return Long.parseLong(tables.rows("SELECT count(*) FROM " + table).get(0).get(0));
    }

    @Test
    void aDatabaseSourceWithBothTableAndQueryOrNoCursorIsRefusedAtItsPosition() {
        String udl = "udl: 8\nname: t\nsystems:\n  pg: {adapter: postgres, url: \"jdbc:postgresql://127.0.0.1/test\"}\n"
                + "  h2: {adapter: jdbc}\npipelines:\n"
                + "  - name: p\n    source: {system: pg, table: a, query: \"SELECT 1 AS x\", cursor: x}\n"
                + "    target: {system: h2, table: b}\n"
                + "  - name: q\n    source: {system: pg, table: a}\n    target: {system: h2, table: b}\n";
        List<String> problems = new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream()
                .map(UdlError::render).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("app.udl:8:").contains("ETL-040",
                "both table and query"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("app.udl:11:").contains("ETL-041",
                "cursor"));
    }
}
