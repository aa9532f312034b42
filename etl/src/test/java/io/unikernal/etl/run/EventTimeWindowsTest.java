package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Aggregates on the records' own time (event time): sliding windows summed exactly, a late record rejected with the
 * reason, the bound on held groups, and a load killed with SIGKILL at seeded commits that resumes with every window
 * once and as an uninterrupted run computes it.
 */
class EventTimeWindowsTest extends PostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WINDOWS = "region text, window_start timestamptz, window_end timestamptz, n bigint,"
            + " total numeric";

    private RunSummary run(String udl) throws Exception {
        Path file = dir.resolve("app.udl");
        Files.writeString(file, udl);
        UdlDocument doc = new UdlParser(Adapters.installed()).load(file);
        try (PipelineApp app = PipelineApp.start(doc, dir)) {
            return app.run("load", Progress.NONE);
        }
    }

    private String pipeline(String app, String file, String table, String aggregate, int batchRows) {
        return Pg.udlSystems(app) + "pipelines:\n  - name: load\n    source: {adapter: file, path: " + file + "}\n"
                + "    transform:\n      - aggregate: " + aggregate + "\n"
                + "    target: {system: db, table: " + table + "}\n"
                + "    batch: {rows: " + batchRows + "}\n    rejects: {path: rejects.jsonl, threshold: 1000}\n";
    }

    private List<JsonNode> rejects() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("rejects.jsonl"))) {
            all.add(JSON.readTree(line));
        }
        return all;
    }

    private List<List<String>> windows(String table) throws Exception {
        return pg.rows("SELECT region, to_char(window_start AT TIME ZONE 'UTC', 'HH24:MI'), to_char(window_end AT"
                + " TIME ZONE 'UTC', 'HH24:MI'), n, total FROM " + table + " ORDER BY window_start, region");
    }

    @Test
    void slidingWindowsOnEventTimeSumEachWindowAndALateRecordIsRejectedWithTheReason() throws Exception {
        String table = pg.table("etl_slide", WINDOWS);
        Files.writeString(dir.resolve("in.csv"), "ts,region,amount\n"
                + "2026-12-01T00:01:00Z,eu,1\n"
                + "2026-12-01T00:03:00Z,us,2\n"
                + "2026-12-01T00:06:00Z,eu,4\n"
                + "2026-12-01T00:12:00Z,eu,8\n"
                + "2026-12-01T00:02:00Z,eu,100\n" // the watermark is 00:11: both its windows were handed on
                + "2026-12-01T00:09:00Z,us,16\n" // [00:00,00:10) was handed on, [00:05,00:15) still counts it
                + "2026-12-01T00:21:00Z,eu,32\n"
                + "soon,eu,64\n");
        String udl = pipeline(pg.app("etlslide"), "in.csv", table, "{by: [region], count: n, sum: {total: amount},"
                + " window: 10m, slide: 5m, time: ts, lateness: 1m}", 100);
        RunSummary summary = run(udl);

        assertThat(windows(table)).containsExactly(
                List.of("eu", "23:55", "00:05", "1", "1"), List.of("us", "23:55", "00:05", "1", "2"),
                List.of("eu", "00:00", "00:10", "2", "5"), List.of("us", "00:00", "00:10", "1", "2"),
                List.of("eu", "00:05", "00:15", "2", "12"), List.of("us", "00:05", "00:15", "1", "16"),
                List.of("eu", "00:10", "00:20", "1", "8"),
                List.of("eu", "00:15", "00:25", "1", "32"),
                List.of("eu", "00:20", "00:30", "1", "32"));
        assertThat(summary.read()).isEqualTo(8);
        assertThat(summary.rejected()).isEqualTo(2);
        List<JsonNode> rejects = rejects();
        assertThat(rejects.get(0).get("reason").asText()).contains("late: its time 2026-12-01T00:02:00Z is in no"
                + " open window").contains("the watermark is 2026-12-01T00:11:00Z");
        assertThat(rejects.get(0).get("position").asText()).endsWith("in.csv:6");
        assertThat(rejects.get(1).get("reason").asText()).contains("its time field ts holds 'soon', which is no"
                + " time");
        RunSummary again = run(udl);
        assertThat(again.read()).as("a finished file adds nothing").isZero();
        assertThat(pg.count("SELECT count(*) FROM " + table)).isEqualTo(9);
    }

    @Test
    void moreGroupsInOpenWindowsThanTheBoundStopTheRunWithTheBoundsName() throws Exception {
        String table = pg.table("etl_bound", WINDOWS);
        Files.writeString(dir.resolve("in.csv"), "ts,region,amount\n2026-12-01T00:01:00Z,eu,1\n"
                + "2026-12-01T00:02:00Z,us,1\n2026-12-01T00:03:00Z,asia,1\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(pipeline(pg.app("etlbound"), "in.csv", table,
                "{by: [region], count: n, sum: {total: amount}, window: 10m, time: ts, groups: 2}", 100)))
                .isInstanceOf(PipelineFailure.class).hasMessageContaining("holds 2 groups in 1 open windows and may"
                        + " hold 2 (its groups: bound)");
        assertThat(pg.count("SELECT count(*) FROM " + table)).isZero();
    }

    /**
     * 12,000 records 3 s apart (each in two 10-minute windows sliding by 5), slightly out of order within the
     * lateness, every 1000th an hour late; batches of 20 window rows, so commits come while windows are open. The
     * child is killed at seeded commits (after the batch's COPY and merge, before its checkpoint commits), then run
     * to the end: the table equals an uninterrupted run's, every record counted in exactly two windows.
     */
    @Test
    void aLoadKilledWhileWindowsAreOpenResumesWithEveryWindowOnceAndExact() throws Exception {
        int records = 12_000;
        long seed = Long.getLong("unikernal.etl.seed", System.nanoTime());
        Random random = new Random(seed);
        Path csv = dir.resolve("events.csv");
        long goodSum = 0;
        int late = 0;
        Instant base = Instant.parse("2026-12-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("ts,region,amount\n");
            for (int i = 1; i <= records; i++) {
                boolean isLate = i % 1000 == 0;
                long seconds = i * 3L + (i % 2 == 0 ? 5 : -5) - (isLate ? 3600 : 0);
                out.write(base.plusSeconds(seconds) + ",r" + (i % 5) + "," + (i % 100) + "\n");
                if (isLate) {
                    late++;
                } else {
                    goodSum += i % 100;
                }
            }
        }
        String aggregate = "{by: [region], count: n, sum: {total: amount}, window: 10m, slide: 5m, time: ts,"
                + " lateness: 1m}";
        String reference = pg.table("etl_ref", WINDOWS);
        run(pipeline(pg.app("etlref"), "events.csv", reference, aggregate, 20));
        Files.delete(dir.resolve("rejects.jsonl"));

        String table = pg.table("etl_evkill", WINDOWS);
        Path udl = dir.resolve("kill.udl");
        String app = pg.app("etlevkill");
        Files.writeString(udl, pipeline(app, "events.csv", table, aggregate, 20));
        List<String> log = new ArrayList<>();
                for (int kill = 0; kill < 3; kill++) {
            int at = 1 + random.nextInt(12);
            int exit = ChildPipeline.start(udl, "load", dir, "-Dunikernal.etl.killAt=pg-merged:" + at).waitFor();
            log.add("pg-merged:" + at + " exit " + exit + " at " + pg.count("SELECT count(*) FROM " + table)
                    + " rows");
            assertThat(exit).as("seed %d: %s", seed, log).isEqualTo(137);
        }
        assertThat(pg.rows("SELECT position FROM UNIKERNAL_CHECKPOINT WHERE namespace = '" + app + "/load'")
                .get(0).get(0)).as("the kills came while windows were open: the resume reads again")
                .contains("\"replayFrom\":").contains("\"replay\":");
        assertThat(ChildPipeline.start(udl, "load", dir).waitFor()).as("seed %d: %s", seed, log).isZero();

        assertThat(windows(table)).as("seed %d: %s", seed, log).isEqualTo(windows(reference))
                .hasSizeGreaterThan(100);
        assertThat(pg.rows("SELECT sum(n), sum(total), count(*) - count(DISTINCT (region, window_start)) FROM "
                + table).get(0)).as("every record in exactly two windows, no window twice").containsExactly(
                        String.valueOf(2L * (records - late)), String.valueOf(2 * goodSum), "0");
        assertThat(rejects()).as("each late record rejected once").hasSize(late)
                .allSatisfy(r -> assertThat(r.get("reason").asText()).contains("late:"));
    }
}
