package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Streaming and hybrid pipelines in the runner, into the machine's PostgreSQL: the tests' sequence source (records
 * numbered from 1; as a stream, more keep coming) stands for a stream whose positions are exact, so what is checked
 * is the runner's part — batches committed by rows and time while records keep coming, a stop and a resume with
 * nothing lost or twice, the hand-over from the backfill to the stream at the committed position.
 */
class StreamPipelineTest extends PostgresTest {

    private UdlRuntime start(String udl) throws Exception {
        var doc = new UdlParser(Adapters.installed()).parse("app.udl", udl).orThrow();
        var app = new UdlCompiler(Adapters.installed()).compile(doc, dir, CompileOptions.DEFAULT);
        return UdlRuntime.start(app, Map.of());
    }

    private static String pipeline(String app, String source, String table, String extra) {
        return Pg.udlSystems(app) + "pipelines:\n  - name: load\n    stream: true\n" + extra
                + "    source: " + source + "\n    target: {system: db, table: " + table + "}\n"
                + "    batch: {rows: 40, time: 200ms}\n";
    }

    @Test
    void aStreamCommitsWhileRecordsKeepComingAndResumesAfterAStopWithNothingLostOrTwice() throws Exception {
        String table = pg.table("etl_stream", "id bigint primary key, name text");
        String app = pg.app("etl");
        try (UdlRuntime runtime = start(pipeline(app, "{adapter: sequence, count: 0, more: 150}", table, ""))) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> pg.count("SELECT count(*) FROM " + table) == 150);
        }
        try (UdlRuntime runtime = start(pipeline(app, "{adapter: sequence, count: 0, more: 260}", table, ""))) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> pg.count("SELECT count(*) FROM " + table) == 260);
        }
        assertThat(pg.count("SELECT count(DISTINCT id) FROM " + table)).isEqualTo(260);
        assertThat(pg.count("SELECT max(id) FROM " + table)).isEqualTo(260);
    }

    @Test
    void aHybridPipelineBackfillsThenStreamsFromTheCommittedPositionWithNoGapAndNoOverlap() throws Exception {
        // insert mode on a primary key: a record read twice fails its batch, one skipped leaves a gap in the count
        String table = pg.table("etl_hybrid", "id bigint primary key, name text");
        try (UdlRuntime runtime = start(pipeline(pg.app("etl"), "{adapter: sequence, count: 120, more: 80}", table,
                "    backfill: true\n"))) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> pg.count("SELECT count(*) FROM " + table) == 200);
        }
        assertThat(pg.count("SELECT count(DISTINCT id) FROM " + table)).isEqualTo(200);
        assertThat(pg.count("SELECT sum(id) FROM " + table)).isEqualTo(200 * 201 / 2);
    }

    @Test
    void aWindowedAggregateOfAStreamCountsEveryRecordInExactlyOneWindow() throws Exception {
        String table = pg.table("etl_windows", "window_start timestamptz primary key, window_end timestamptz,"
                + " n bigint, top bigint");
        try (UdlRuntime runtime = start(pipeline(pg.app("etl"), "{adapter: sequence, count: 0, more: 300}", table,
                "    transform:\n      - aggregate: {count: n, max: {top: id}, window: 250ms}\n"))) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> pg.count("SELECT coalesce(sum(n), 0) FROM " + table) == 300);
        }
        assertThat(pg.count("SELECT max(top) FROM " + table)).isEqualTo(300);
        assertThat(pg.count("SELECT count(*) FROM " + table + " WHERE window_end - window_start"
                + " <> interval '250 milliseconds'")).isZero();
        assertThat(pg.count("SELECT count(*) FROM " + table)).as("300 records at 2 ms take several windows")
                .isGreaterThan(1);
    }
}
