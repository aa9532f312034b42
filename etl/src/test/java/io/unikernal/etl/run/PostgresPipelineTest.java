package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV files loaded into the machine's PostgreSQL through pipelines: insert, upsert, rejects, reruns. */
class PostgresPipelineTest extends PostgresTest {

    private PipelineApp app(String udl) throws Exception {
        Path file = dir.resolve("app.udl");
        Files.writeString(file, udl);
        UdlDocument doc = new UdlParser(Adapters.installed()).load(file);
        return PipelineApp.start(doc, dir);
    }

    private String pipeline(String app, String table, String target, String extra) {
        return Pg.udlSystems(app) + "pipelines:\n  - name: load\n"
                + "    source: {adapter: file, path: people.csv, format: csv}\n"
                + "    target: {system: db, table: " + table + target + "}\n" + extra;
    }

    private RunSummary run(String udl) throws Exception {
        try (PipelineApp app = app(udl)) {
            return app.run("load", Progress.NONE);
        }
    }

    @Test
    void insertLoadsEveryTypedRowAndARerunAddsNothing() throws Exception {
        String table = pg.table("etl_insert", "id int primary key, name text, amount numeric(8,2), born date,"
                + " active boolean, note varchar(5)");
        Files.writeString(dir.resolve("people.csv"), "\uFEFFid,name,amount,born,active,note\n"
                + "1,\"Smith, Jo\",12.50,1990-01-02,true,\n"
                + "2,\"two\nlines\",0,2000-02-29,f,\"\"\n"
                + "3,\"say \"\"hi\"\"\",-3.1,1970-12-31,yes,abc\r\n");
        String udl = pipeline(pg.app("etl"), table, "", "    batch: {rows: 2}\n");
        RunSummary first = run(udl);
        assertThat(first.read()).isEqualTo(3);
        assertThat(first.written()).isEqualTo(3);
        assertThat(first.rejected()).isZero();
        assertThat(pg.rows("SELECT id, name, amount, born, active, note FROM " + table + " ORDER BY id"))
                .containsExactly(java.util.Arrays.asList("1", "Smith, Jo", "12.50", "1990-01-02", "t", null),
                        List.of("2", "two\nlines", "0.00", "2000-02-29", "f", ""),
                        List.of("3", "say \"hi\"", "-3.10", "1970-12-31", "t", "abc"));
        RunSummary again = run(udl);
        assertThat(again.read()).as("a finished file is read to its end already").isZero();
        assertThat(again.written()).isZero();
        assertThat(again.totalWritten()).isEqualTo(3);
        assertThat(pg.count("SELECT count(*) FROM " + table)).isEqualTo(3);
    }

    @Test
    void upsertReplacesByKeyAndTheBatchsLastRowOfAKeyWins() throws Exception {
        String table = pg.table("etl_upsert", "id int primary key, name text not null, score int default 7");
        pg.execute("INSERT INTO " + table + " VALUES (1, 'old', 1), (9, 'kept', 9)");
        Files.writeString(dir.resolve("people.csv"), "ID,Name\n1,new\n2,b\n2,b2\n3,c\n");
        RunSummary summary = run(pipeline(pg.app("etl"), table, ", mode: upsert, key: id", "    batch: {rows: 10}\n"));
        assertThat(summary.read()).isEqualTo(4);
        assertThat(summary.rejected()).isZero();
        assertThat(pg.rows("SELECT id, name, score FROM " + table + " ORDER BY id")).containsExactly(
                List.of("1", "new", "1"), List.of("2", "b2", "7"), List.of("3", "c", "7"), List.of("9", "kept", "9"));
    }

    @Test
    void badRowsGoToTheRejectFileWithReasonRowAndPosition() throws Exception {
        String table = pg.table("etl_rejects", "id int primary key, amount numeric(5,2), tag varchar(3) not null");
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "id,amount,tag\n1,1.5,a\nx,1,b\n3,1.234,c\n4,2,\n5,\"2\",toolong\n6,3\n"
                + "7,99999,d\n8,\"multi\nline\",e\n9,9.99,ok\n");
        RunSummary summary = run(pipeline(pg.app("etl"), table, "", "    rejects: {path: out/rejects.jsonl, threshold: 7}\n"));
        assertThat(summary.read()).isEqualTo(9);
        assertThat(summary.written()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(7);
        assertThat(summary.thresholdExceeded()).isFalse();
        assertThat(pg.rows("SELECT id FROM " + table + " ORDER BY id")).containsExactly(List.of("1"), List.of("9"));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rejects = Files.readAllLines(dir.resolve("out/rejects.jsonl")).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(rejects).extracting(r -> r.get("position").asText()).containsExactly(csv + ":3", csv + ":4",
                csv + ":5", csv + ":6", csv + ":7", csv + ":8", csv + ":9");
        assertThat(rejects).extracting(r -> r.get("reason").asText()).containsExactly(
                "column id (int4) expects an integer, not 'x'",
                "column amount is numeric(5,2): 1.234 has more than 2 decimals (not rounded)",
                "column tag may not be null and the field is empty",
                "column tag is varchar(3): the value has 7 characters (not cut)",
                "the row has 2 fields, the header 3",
                "column amount is numeric(5,2): 99999 is too large",
                "column amount (numeric) expects a decimal number, not 'multi\nline'");
        assertThat(rejects.get(3).get("row").toString()).isEqualTo("[\"5\",\"2\",\"toolong\"]");
    }

    @Test
    void aNewFileAddsItsRejectsAfterThoseOfTheFilesBefore() throws Exception {
        String table = pg.table("etl_two_files", "id int");
        Files.writeString(dir.resolve("people.csv"), "id\n1\nx\n");
        Files.writeString(dir.resolve("more.csv"), "id\n2\ny\n");
        String app = pg.app("etl");
        String first = pipeline(app, table, "", "    rejects: {threshold: 5}\n");
        run(first);
        run(first.replace("people.csv", "more.csv"));
        assertThat(Files.readAllLines(dir.resolve("load.rejects.jsonl"))).hasSize(2)
                .anySatisfy(r -> assertThat(r).contains("people.csv:3")).anySatisfy(r -> assertThat(r)
                        .contains("more.csv:3"));
        assertThat(pg.count("SELECT count(*) FROM " + table)).isEqualTo(2);
    }

    @Test
    void rejectsBeyondTheThresholdFailTheRouteRun() throws Exception {
        String table = pg.table("etl_threshold", "id int");
        Files.writeString(dir.resolve("people.csv"), "id\n1\nx\ny\n");
        String udl = pipeline(pg.app("etl"), table, "", "    rejects: {threshold: 1}\n");
        RunSummary summary = run(udl);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(summary.thresholdExceeded()).isTrue();
        assertThat(Files.readAllLines(dir.resolve("load.rejects.jsonl"))).hasSize(2);
    }

    @Test
    void anOnDemandPipelineRunsFromItsRouteInProcessAndFromTheEmittedYaml() throws Exception {
        String table = pg.table("etl_route", "id int primary key, name text");
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,a\n2,b\n");
        String udl = pipeline(pg.app("etl"), table, ", mode: upsert, key: id", "");
        TwoWayRun.Outcomes<Object> outcomes = TwoWayRun.run("app.udl", udl, Map.of(), dir,
                app -> app.context().createProducerTemplate().requestBody("direct:pipeline-load", (Object) ""));
        assertThat(outcomes.inProcess()).asString().contains("read=2").contains("written=2");
        assertThat(outcomes.emitted()).as("the emitted app shares the checkpoint: the file is loaded already")
                .asString().contains("read=0").contains("totalWritten=2");
        String app = udl.lines().filter(l -> l.startsWith("name: ")).findFirst().orElseThrow().substring(6);
        assertThat(Files.readString(outcomes.emittedDir().resolve(io.unikernal.compile.YamlEmitter.routesFileName(
                app)))).contains("direct:pipeline-load").contains("PipelineRunner");
        assertThat(pg.count("SELECT count(*) FROM " + table)).isEqualTo(2);
    }

    @Test
    void aScheduledPipelineRunsOnItsQuartzTrigger() throws Exception {
        String table = pg.table("etl_quartz", "id int primary key");
        Files.writeString(dir.resolve("people.csv"), "id\n1\n2\n");
        String udl = Pg.udlSystems(pg.app("etl")) + "pipelines:\n  - name: load\n    schedule: \"* * * * * ?\"\n"
                + "    source: {adapter: file, path: people.csv}\n    target: {system: db, table: " + table + "}\n";
        UdlDocument doc = new UdlParser(Adapters.installed()).parse("app.udl", udl).orThrow();
        var app = new io.unikernal.compile.UdlCompiler(Adapters.installed()).compile(doc, dir,
                io.unikernal.compile.CompileOptions.DEFAULT);
        try (var runtime = io.unikernal.runtime.UdlRuntime.start(app, Map.of())) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> pg.count("SELECT count(*) FROM " + table) == 2);
        }
    }

    @Test
    void aHeaderColumnTheTableLacksStopsTheRunBeforeAnyRow() throws Exception {
        String table = pg.table("etl_header", "id int");
        Files.writeString(dir.resolve("people.csv"), "id,nope\n1,2\n");
        assertThatThrownBy(() -> run(pipeline(pg.app("etl"), table, "", ""))).isInstanceOf(PipelineFailure.class)
                .hasMessageContaining("people.csv:1: column 'nope' of the source is no column of " + table + " (id)");
    }

    @Test
    void aFileThatStopsBeingCsvKeepsTheRowsBeforeAndSaysWhere() throws Exception {
        String table = pg.table("etl_broken", "id int, name text");
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "id,name\n1,a\n2,b\n3,\"never closed\n4,d\n");
        String udl = pipeline(pg.app("etl"), table, "", "    batch: {rows: 100}\n");
        assertThatThrownBy(() -> run(udl)).isInstanceOf(PipelineFailure.class)
                .hasMessageContaining(csv + ":4: a quoted cell that is not closed")
                .hasMessageContaining("the rows before it are loaded");
        assertThat(pg.rows("SELECT id FROM " + table + " ORDER BY id")).containsExactly(List.of("1"), List.of("2"));
        Files.writeString(csv, "id,name\n1,a\n2,b\n3,\"closed\"\n4,d\n");
        assertThat(run(udl).read()).as("the fixed file goes on after the loaded rows").isEqualTo(2);
        assertThat(pg.count("SELECT count(*) FROM " + table)).isEqualTo(4);
    }

    @Test
    void anEmptyFileAndAHeaderOnlyFileLoadNothing() throws Exception {
        String table = pg.table("etl_empty", "id int");
        String udl = pipeline(pg.app("etl"), table, "", "");
        Files.writeString(dir.resolve("people.csv"), "");
        assertThat(run(udl).read()).isZero();
        Files.writeString(dir.resolve("people.csv"), "id\n");
        assertThat(run(udl).read()).isZero();
        assertThat(pg.count("SELECT count(*) FROM " + table)).isZero();
    }
}
