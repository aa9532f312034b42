package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pipeline's meters in the app's registry, and what its progress reports: counts, bytes, the file's size. */
class PipelineMetricsTest extends PostgresTest {

    @Test
    void aRunCountsReadWrittenRejectedAndBatchesPerPipelineAndReportsBytesOfTheFilesSize() throws Exception {
        String table = pg.table("etl_metrics", "id int primary key");
        String csv = "id\n1\n2\nx\n4\n5\n";
        Files.writeString(dir.resolve("people.csv"), csv);
        String udl = Pg.udlSystems(pg.app("etl")) + "pipelines:\n  - name: load\n"
                + "    source: {adapter: file, path: people.csv}\n    target: {system: db, table: " + table + "}\n"
                + "    batch: {rows: 2}\n    rejects: {threshold: 5}\n";
        var doc = new UdlParser(Adapters.installed()).parse("app.udl", udl).orThrow();
        var app = new UdlCompiler(Adapters.installed()).compile(doc, dir, CompileOptions.DEFAULT);
        try (UdlRuntime runtime = UdlRuntime.start(app, Map.of())) {
            runtime.context().createProducerTemplate().requestBody("direct:pipeline-load", (Object) "");
            MeterRegistry meters = runtime.context().getRegistry().findSingleByType(MeterRegistry.class);
            assertThat(meters.get("unikernal.etl.records.read").tag("pipeline", "load").counter().count())
                    .isEqualTo(5);
            assertThat(meters.get("unikernal.etl.records.written").tag("pipeline", "load").counter().count())
                    .isEqualTo(4);
            assertThat(meters.get("unikernal.etl.records.rejected").tag("pipeline", "load").counter().count())
                    .isEqualTo(1);
            assertThat(meters.get("unikernal.etl.batches").tag("pipeline", "load").counter().count())
                    .as("batches of 2 rows: 2 + 2 + the last").isEqualTo(3);
            assertThat(meters.get("unikernal.etl.lag.seconds").tag("pipeline", "load").gauge().value()).isZero();
        }

        List<Progress.Snapshot> seen = new ArrayList<>();
        Files.writeString(dir.resolve("people.csv"), csv + "6\n7\n");
        var file = dir.resolve("app.udl");
        Files.writeString(file, udl);
        try (PipelineApp pipelines = PipelineApp.start(new UdlParser(Adapters.installed()).load(file), dir)) {
            pipelines.run("load", seen::add);
        }
        assertThat(seen).isNotEmpty();
        Progress.Snapshot last = seen.get(seen.size() - 1);
        long size = Files.size(dir.resolve("people.csv"));
        assertThat(last.size()).isEqualTo(size);
        assertThat(last.bytes()).as("the file read to its end").isEqualTo(size);
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.read()).as("the rerun reads the two new rows").isEqualTo(2);
    }
}
