package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A CSV file larger than the JVM's whole heap loads: the pipeline holds one record and one batch, never the file.
 * Slow (a million rows), so it runs with {@code -Dunikernal.etl.large=true} (the Maven profile {@code etl-long}).
 */
@EnabledIfSystemProperty(named = "unikernal.etl.large", matches = "true")
class LargeFileTest extends PostgresTest {

    private static final int ROWS = 1_000_000;
    private static final String HEAP = "-Xmx64m";

    @Test
    void aFileLargerThanTheHeapLoadsWholeWithABoundedHeap() throws Exception {
        String table = pg.table("etl_large", "id bigint primary key, name text, amount numeric(12,2)");
        Path csv = dir.resolve("people.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("id,name,amount\n");
            for (int id = 1; id <= ROWS; id++) {
                out.write(id + ",\"a name, quoted, for row " + id + " of the file, long enough to outgrow the heap\","
                        + (id % 1000) + ".5\n");
            }
        }
        assertThat(Files.size(csv)).as("the file is larger than the child's heap").isGreaterThan(64L << 20);
        Path udl = dir.resolve("app.udl");
        Files.writeString(udl, Pg.udlSystems(pg.app("etllarge")) + "pipelines:\n  - name: load\n"
                + "    source: {adapter: file, path: people.csv}\n"
                + "    target: {system: db, table: " + table + ", mode: upsert, key: id}\n"
                + "    batch: {rows: 20000, bytes: 4194304}\n");
        Process child = ChildPipeline.start(udl, "load", dir, HEAP);
        assertThat(child.waitFor()).as("the child's stderr is in " + dir).isZero();
        assertThat(pg.rows("SELECT count(*), sum(id) FROM " + table).get(0)).containsExactly(
                String.valueOf(ROWS), String.valueOf((long) ROWS * (ROWS + 1) / 2));
    }
}
