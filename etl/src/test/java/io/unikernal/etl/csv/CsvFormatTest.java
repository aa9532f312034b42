package io.unikernal.etl.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.etl.format.FormatFiles;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.SourceRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatTest {

    private final CsvFormat csv = new CsvFormat();

    @TempDir
    Path dir;

    @Test
    void writesTypedValuesAsTextThatReadsBackTheSameIncludingNullAndEmptyText() throws Exception {
        Path file = dir.resolve("out.csv");
        List<Field> fields = List.of(new Field("id", FieldType.LONG, false), Field.text("note"),
                new Field("amount", FieldType.DECIMAL, true), new Field("day", FieldType.DATE, true),
                new Field("at", FieldType.TIMESTAMP, true));
        FormatFiles.write(csv, file, fields, List.of(
                new Object[] {1L, "a, \"quoted\"\nline", new BigDecimal("1E+3"), LocalDate.of(2024, 2, 29),
                    Instant.parse("2024-01-02T03:04:05Z")},
                new Object[] {2L, "", null, null, null}));

        FormatFiles.Read read = FormatFiles.read(csv, file);

        assertThat(read.fields()).extracting(Field::name).containsExactly("id", "note", "amount", "day", "at");
        assertThat(read.fields()).extracting(Field::type).containsOnly(FieldType.TEXT);
        assertThat(FormatFiles.values(read.records())).containsExactly(
                Arrays.asList("1", "a, \"quoted\"\nline", "1000", "2024-02-29", "2024-01-02T03:04:05Z"),
                Arrays.asList("2", "", null, null, null));
        assertThat(read.records().get(1).where()).isEqualTo("out.csv:4");
    }

    @Test
    void aRowWithAnotherNumberOfFieldsIsRejectedAtItsLineAndTheRestIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("f.csv"), "id,name\n1,a\n2,b,extra\n3,c\n");

        FormatFiles.Read read = FormatFiles.read(csv, file);

        assertThat(read.bad()).singleElement().satisfies(bad -> {
            assertThat(bad.problem()).isEqualTo("the row has 3 fields, the header 2");
            assertThat(bad.where()).isEqualTo("f.csv:3");
            assertThat(bad.raw()).isEqualTo(List.of("2", "b", "extra"));
        });
        assertThat(read.good()).extracting(SourceRecord::where).containsExactly("f.csv:2", "f.csv:4");
    }

    @Test
    void resumesAfterTheRecordsItsPositionCounts() throws Exception {
        Path file = Files.writeString(dir.resolve("f.csv"), "id\n1\n2\n3\n");
        String position = FormatFiles.positionAfter(csv, file, 2);

        assertThat(position).isEqualTo("line 4 (2 records)");
        assertThat(FormatFiles.values(FormatFiles.read(csv, file, position).records())).containsExactly(List.of("3"));
    }

    @Test
    void readsACsvFileDuckDbWrote() throws Exception {
        Path file = dir.resolve("duck.csv");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, 'name, ' || i || ' \"q\"' AS name, CASE WHEN i % 2 = 0 THEN NULL"
                    + " ELSE i * 1.5 END AS amount, DATE '2024-01-01' + CAST(i AS INTEGER) AS day FROM range(1, 4) t(i))"
                    + " TO '" + file + "' (FORMAT csv, HEADER true)");
        }

        FormatFiles.Read read = FormatFiles.read(csv, file);

        assertThat(read.fields()).extracting(Field::name).containsExactly("id", "name", "amount", "day");
        assertThat(FormatFiles.values(read.records())).containsExactly(
                Arrays.asList("1", "name, 1 \"q\"", "1.5", "2024-01-02"),
                Arrays.asList("2", "name, 2 \"q\"", null, "2024-01-03"),
                Arrays.asList("3", "name, 3 \"q\"", "4.5", "2024-01-04"));
    }
}
