package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unikernal etl run} against the machine's PostgreSQL: progress, summary, exit codes. */
class EtlCommandTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path dir;

    private final String table = "etl_cli_" + Long.toString(System.nanoTime(), 36);
    private final String app = "etlcli" + Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void create() throws Exception {
        sql("CREATE TABLE " + table + " (id int primary key, name text)");
    }

    @AfterEach
    void drop() throws Exception {
        sql("DROP TABLE IF EXISTS " + table);
        sql("DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace LIKE '" + app + "/%'");
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private Path udl(long threshold) throws Exception {
        Path file = dir.resolve("app.udl");
        Files.writeString(file, "udl: 8\nname: " + app + "\nsystems:\n"
                + "  db: {adapter: postgres, url: \"" + URL + "\", user: postgres}\n"
                + "pipelines:\n  - name: load\n    source: {adapter: file, path: people.csv}\n"
                + "    target: {system: db, table: " + table + ", mode: upsert, key: id}\n"
                + "    batch: {rows: 2}\n    rejects: {threshold: " + threshold + "}\n");
        return file;
    }

    @Test
    void aRunPrintsProgressAndASummaryAndARerunAddsNothing() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,a\n2,b\n3,c\n");
        Path file = udl(0);
        Cli first = Cli.run("etl", "run", file.toString(), "--pipeline", "load");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("load: 2 rows read, 2 written, 0 rejected")
                .contains("pipeline load: 3 rows read, 3 written, 0 rejected in ");
        Cli again = Cli.run("etl", "run", file.toString(), "--pipeline", "load");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("pipeline load: resumed from its checkpoint: 0 rows read, 0 written")
                .contains("the file so far: 3 read, 3 written, 0 rejected");
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    void statusShowsWhereEachPipelinesFileStands() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,a\nnope,b\n3,c\n");
        Path file = udl(5);
        Cli before = Cli.run("etl", "status", file.toString());
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.out().strip()).isEqualTo("pipeline load: " + dir.resolve("people.csv") + ": never run");
        assertThat(Cli.run("etl", "run", file.toString(), "--pipeline", "load").exitCode()).isZero();
        Cli after = Cli.run("etl", "status", file.toString());
        assertThat(after.out().strip()).isEqualTo("pipeline load: " + dir.resolve("people.csv")
                + ": read to its end, 3 rows: 2 written, 1 rejected");
    }

    @Test
    void rejectsOverTheThresholdExitWithFour() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,a\nnope,b\n");
        Cli run = Cli.run("etl", "run", udl(0).toString(), "--pipeline", "load");
        assertThat(run.exitCode()).isEqualTo(EtlCommand.REJECTS_OVER_THRESHOLD);
        assertThat(run.out()).contains("1 written, 1 rejected").contains("rejected rows: " + dir.resolve(
                "load.rejects.jsonl"));
        assertThat(run.err()).contains("error: pipeline load rejected 1 rows of " + dir.resolve("people.csv")
                + ", more than its threshold 0");
    }

    @Test
    void anUnknownPipelineOrAMissingFileIsOneLineAndExitOne() throws Exception {
        Path file = udl(0);
        Cli unknown = Cli.run("etl", "run", file.toString(), "--pipeline", "lod");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no pipeline 'lod' (its pipelines: load)");
        Cli missing = Cli.run("etl", "run", file.toString(), "--pipeline", "load");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("error: pipeline load: no such file " + dir.resolve(
                "people.csv"));
    }
}
