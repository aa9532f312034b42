package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/**
 * Every format loads into PostgreSQL through a UDL pipeline (file source, format by the file's ending): typed values
 * land in their columns, the bad record of each file is in the reject file with its reason and position, and a rerun
 * adds nothing. The Parquet file is DuckDB's, the xlsx file fastexcel's.
 */
class FormatsToPostgresTest extends PostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<String>> ROWS = List.of(List.of("1", "Smith, Jo", "12.50", "1990-01-02"),
            List.of("3", "Three", "-3.10", "1970-12-31"), List.of("4", "Four", "0.00", "2000-02-29"));

    @Test
    void jsonLines() throws Exception {
        Files.writeString(dir.resolve("people.jsonl"), """
                {"id": 1, "name": "Smith, Jo", "amount": 12.5, "born": "1990-01-02"}
                {"id": 2, "name": oops}
                {"id": 3, "name": "Three", "amount": -3.1, "born": "1970-12-31"}
                {"id": 4, "name": "Four", "amount": 0, "born": "2000-02-29"}
                """);
        JsonNode reject = load("people.jsonl");
        assertThat(reject.get("position").asText()).isEqualTo(dir.resolve("people.jsonl") + ":2");
        assertThat(reject.get("reason").asText()).startsWith("no JSON: ");
    }

    @Test
    void jsonArray() throws Exception {
        Files.writeString(dir.resolve("people.json"), """
                [{"id": 1, "name": "Smith, Jo", "amount": 12.5, "born": "1990-01-02"},
                 "two",
                 {"id": 3, "name": "Three", "amount": -3.1, "born": "1970-12-31"},
                 {"id": 4, "name": "Four", "amount": 0, "born": "2000-02-29"}]
                """);
        JsonNode reject = load("people.json");
        assertThat(reject.get("position").asText()).isEqualTo(dir.resolve("people.json") + ":2 [1]");
        assertThat(reject.get("reason").asText()).isEqualTo("the element is a string, not an object");
    }

    @Test
    void parquetWrittenByDuckDb() throws Exception {
        Path file = dir.resolve("people.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES (1, 'Smith, Jo', 12.5, DATE '1990-01-02'), (2, 'Two', 1.234,"
                    + " DATE '1990-01-02'), (3, 'Three', -3.1, DATE '1970-12-31'), (4, 'Four', 0, DATE '2000-02-29'))"
                    + " t(id, name, amount, born)) TO '" + file + "' (FORMAT parquet)");
        }
        JsonNode reject = load("people.parquet");
        assertThat(reject.get("position").asText()).isEqualTo(file + " [1]");
        assertThat(reject.get("reason").asText()).contains("1.234 has more than 2 decimals");
    }

    @Test
    void xlsxWrittenByFastexcel() throws Exception {
        Path file = dir.resolve("people.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook book = new Workbook(out, "test", "1.0");
            book.newWorksheet("Notes").value(0, 0, "not the data");
            Worksheet sheet = book.newWorksheet("People");
            Object[][] rows = {{"id", "name", "amount", "born"}, {1, "Smith, Jo", new BigDecimal("12.5"),
                LocalDate.of(1990, 1, 2)}, {2, "Two", 1, LocalDate.of(1990, 1, 2), "stray"}, {3, "Three",
                new BigDecimal("-3.1"), LocalDate.of(1970, 12, 31)}, {4, "Four", 0, LocalDate.of(2000, 2, 29)}};
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof String s) {
                        sheet.value(r, c, s);
                    } else if (v instanceof LocalDate d) {
                        sheet.value(r, c, d);
                        sheet.style(r, c).format("yyyy-mm-dd").set();
                    } else {
                        sheet.value(r, c, (Number) v);
                    }
                }
            }
            book.finish();
        }
        JsonNode reject = load("people.xlsx", ", sheet: People");
        assertThat(reject.get("position").asText()).isEqualTo(file + ":People!3");
        assertThat(reject.get("reason").asText()).isEqualTo("cell E3 is right of the header's last column");
    }

    /** Loads the file, checks the table and the summary, and returns the one reject. */
    private JsonNode load(String fileName) throws Exception {
        return load(fileName, "");
    }

    private JsonNode load(String fileName, String sourceKeys) throws Exception {
        String table = pg.table("etl_formats", "id int primary key, name text, amount numeric(6,2), born date");
        Path udl = dir.resolve("app.udl");
        Files.writeString(udl, Pg.udlSystems(pg.app("etlformats")) + "pipelines:\n  - name: load\n"
                + "    source: {adapter: file, path: " + fileName + sourceKeys + "}\n"
                + "    target: {system: db, table: " + table + ", mode: upsert, key: id}\n"
                + "    batch: {rows: 2}\n    rejects: {path: rejects.jsonl, threshold: 1}\n");
        UdlDocument doc = new UdlParser(Adapters.installed()).load(udl);
        RunSummary first;
        RunSummary again;
        try (PipelineApp app = PipelineApp.start(doc, dir)) {
            first = app.run("load", Progress.NONE);
            again = app.run("load", Progress.NONE);
        }
        assertThat(first.read()).isEqualTo(4);
        assertThat(first.written()).isEqualTo(3);
        assertThat(first.rejected()).isEqualTo(1);
        assertThat(again.written()).as("a rerun adds nothing").isZero();
        assertThat(pg.rows("SELECT id, name, amount, born FROM " + table + " ORDER BY id")).isEqualTo(ROWS);
        List<String> rejects = Files.readAllLines(dir.resolve("rejects.jsonl"));
        assertThat(rejects).hasSize(1);
        return JSON.readTree(rejects.get(0));
    }
}
