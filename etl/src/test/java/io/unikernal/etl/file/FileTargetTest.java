package io.unikernal.etl.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.etl.format.FormatFiles;
import io.unikernal.etl.parquet.ParquetFormat;
import io.unikernal.etl.run.PipelineApp;
import io.unikernal.etl.run.Progress;
import io.unikernal.etl.run.RunSummary;
import io.unikernal.etl.spi.SourceRecord;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file written into a directory of Parquet parts through a UDL pipeline: one part per batch, a rerun adds
 * nothing, and a run that died after renaming a part but before its checkpoint rewrites that part instead of adding it.
 */
class FileTargetTest {

    @TempDir
    Path dir;

    @Test
    void writesAPartPerBatchAndARepeatedBatchReplacesItsPart() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,a\n2,b\n3,c\n4,d\n5,e\n");
        Path udl = Files.writeString(dir.resolve("app.udl"), "udl: 8\nname: filetarget\npipelines:\n  - name: copy\n"
                + "    source: {adapter: file, path: people.csv}\n"
                + "    target: {adapter: file, path: out/people, format: parquet, compression: zstd}\n"
                + "    batch: {rows: 2}\n");

        RunSummary first = run(udl);
        assertThat(first.written()).isEqualTo(5);
        assertThat(parts()).containsExactly("part-00000.parquet", "part-00001.parquet", "part-00002.parquet");
        assertThat(ids()).containsExactly("1", "2", "3", "4", "5");
        Path checkpoints = dir.resolve("out/people/_checkpoints.json");
        String done = Files.readString(checkpoints);

        assertThat(run(udl).written()).as("a rerun adds nothing").isZero();
        assertThat(parts()).hasSize(3);

        // as if killed after the second part's rename, before its checkpoint: the checkpoint of the first batch
        Files.writeString(checkpoints, done.replaceAll("\"parts\":3", "\"parts\":1").replaceAll("line 7 \\(5 records\\)",
                "line 4 (2 records)"));
        assertThat(Files.readString(checkpoints)).contains("\"parts\":1").contains("line 4 (2 records)");
        RunSummary resumed = run(udl);
        assertThat(resumed.written()).isEqualTo(3);
        assertThat(parts()).containsExactly("part-00000.parquet", "part-00001.parquet", "part-00002.parquet");
        assertThat(ids()).as("no record twice").containsExactly("1", "2", "3", "4", "5");
    }

    private RunSummary run(Path udl) throws Exception {
        try (PipelineApp app = PipelineApp.start(new UdlParser(Adapters.installed()).load(udl), dir)) {
            return app.run("copy", Progress.NONE);
        }
    }

    private List<String> parts() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("out/people"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).sorted().toList();
        }
    }

    private List<String> ids() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String part : parts()) {
            for (SourceRecord r : FormatFiles.read(new ParquetFormat(), dir.resolve("out/people").resolve(part))
                    .records()) {
                ids.add((String) r.values()[0]);
            }
        }
        return ids;
    }
}
