package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** join: of a CSV file's records with a second source — a CSV file, a PostgreSQL table — into PostgreSQL. */
class JoinPipelineTest extends PostgresTest {

    private static final String ORDERS = "id,region_id,amount\n1,1,10\n2,2,20\n3,9,30\n4,1,40\n5,,50\n";

    private RunSummary run(String udl) throws Exception {
        Path file = dir.resolve("app.udl");
        Files.writeString(file, udl);
        UdlDocument doc = new UdlParser(Adapters.installed()).load(file);
        try (PipelineApp app = PipelineApp.start(doc, dir)) {
            return app.run("load", Progress.NONE);
        }
    }

    private String pipeline(String app, String table, String join) {
        return Pg.udlSystems(app) + "pipelines:\n  - name: load\n    source: {adapter: file, path: orders.csv}\n"
                + "    transform:\n      - join: " + join + "\n"
                + "    target: {system: db, table: " + table + "}\n";
    }

    @Test
    void anInnerJoinWithACsvFileHandsOnEachRecordOncePerMatchingRowAndDropsTheUnmatched() throws Exception {
        String table = pg.table("etl_join_in", "id int, region_id int, amount int, name text");
        Files.writeString(dir.resolve("orders.csv"), ORDERS);
        Files.writeString(dir.resolve("regions.csv"), "region_id,name\n1,Europe\n2,Americas\n2,Andes\n3,Asia\n");
        RunSummary summary = run(pipeline(pg.app("etljoin"), table, "{with: {adapter: file, path: regions.csv},"
                + " on: [region_id]}"));
        assertThat(pg.rows("SELECT id, region_id, amount, name FROM " + table + " ORDER BY id, name"))
                .containsExactly(List.of("1", "1", "10", "Europe"), List.of("2", "2", "20", "Americas"),
                        List.of("2", "2", "20", "Andes"), List.of("4", "1", "40", "Europe"));
        assertThat(summary.read()).isEqualTo(5);
        assertThat(summary.written()).isEqualTo(4);
        assertThat(summary.rejected()).isZero();
    }

    @Test
    void aLeftJoinWithAPostgresTableMatchesCsvTextToIntegersAndKeepsTheUnmatchedWithNulls() throws Exception {
        String regions = pg.table("etl_join_regions", "region_id int primary key, name text, vat numeric(4,2)");
        pg.execute("INSERT INTO " + regions + " VALUES (1, 'Europe', 0.20), (2, 'Americas', 0.07), (3, 'Asia', 0)");
        String table = pg.table("etl_join_left", "id int, region_id int, amount int, name text, vat numeric(4,2)");
        Files.writeString(dir.resolve("orders.csv"), ORDERS);
        String udl = pipeline(pg.app("etljoin"), table, "{with: {system: db, table: " + regions + ", cursor:"
                + " region_id}, on: [region_id], type: left, fields: [name, vat]}");
        RunSummary summary = run(udl);
        assertThat(pg.rows("SELECT id, region_id, amount, name, vat FROM " + table + " ORDER BY id"))
                .containsExactly(List.of("1", "1", "10", "Europe", "0.20"), List.of("2", "2", "20", "Americas", "0.07"),
                        Arrays.asList("3", "9", "30", null, null), List.of("4", "1", "40", "Europe", "0.20"),
                        Arrays.asList("5", null, "50", null, null));
        assertThat(summary.written()).isEqualTo(5);
        assertThat(run(udl).read()).as("a finished file joined once adds nothing").isZero();
        assertThat(pg.count("SELECT count(*) FROM " + table)).isEqualTo(5);
    }

    @Test
    void aSecondSourceOverItsRowsBoundOrAFieldInBothSourcesStopTheRunBeforeAnyRow() throws Exception {
        String table = pg.table("etl_join_bound", "id int, region_id int, amount int, name text");
        Files.writeString(dir.resolve("orders.csv"), ORDERS);
        Files.writeString(dir.resolve("regions.csv"), "region_id,name\n1,Europe\n2,Americas\n3,Asia\n");
        assertThatThrownBy(() -> run(pipeline(pg.app("etljoin"), table, "{with: {adapter: file, path: regions.csv},"
                + " on: [region_id], rows: 2}"))).isInstanceOf(PipelineFailure.class)
                .hasMessageContaining("join at " + dir.resolve("app.udl") + ":9:15")
                .hasMessageContaining("regions.csv has more than 2 records (its rows: bound");
        Files.writeString(dir.resolve("regions.csv"), "region_id,amount\n1,5\n");
        assertThatThrownBy(() -> run(pipeline(pg.app("etljoin"), table, "{with: {adapter: file, path: regions.csv},"
                + " on: [region_id]}"))).isInstanceOf(PipelineFailure.class)
                .hasMessageContaining("both sources have a field 'amount'");
        assertThat(pg.count("SELECT count(*) FROM " + table)).isZero();
    }
}
