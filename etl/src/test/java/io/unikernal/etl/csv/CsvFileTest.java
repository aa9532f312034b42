package io.unikernal.etl.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV as pipelines read it: RFC 4180 quoting, positions, BOMs, empty and header-only files, broken files. */
class CsvFileTest {

    @TempDir
    Path dir;

    private List<CsvRow> rows(byte[] content) throws Exception {
        Path file = dir.resolve("f.csv");
        Files.write(file, content);
        List<CsvRow> rows = new ArrayList<>();
        try (CsvFile csv = CsvFile.open(file)) {
            for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private List<CsvRow> rows(String content) throws Exception {
        return rows(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedCommasQuotesAndLineBreaksStayInTheirFieldAndRowsKnowTheirLine() throws Exception {
        List<CsvRow> rows = rows("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\r\n4,last");
        assertThat(rows).extracting(CsvRow::fields).containsExactly(List.of("1", "a, b"), List.of("2",
                "say \"hi\""), List.of("3", "two\nlines"), List.of("4", "last"));
        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 4L, 6L);
        assertThat(rows).extracting(CsvRow::index).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void anUnquotedEmptyFieldIsNullAQuotedOneIsEmptyTextAndEmptyLinesAreSkipped() throws Exception {
        List<CsvRow> rows = rows("a,b\n,\"\"\n\n\"\",x\n");
        assertThat(rows).extracting(CsvRow::fields).containsExactly(Arrays.asList(null, ""), List.of("", "x"));
        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 4L);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws Exception {
        Path file = dir.resolve("bom.csv");
        Files.write(file, "\uFEFFid,name\n1,a\n".getBytes(StandardCharsets.UTF_8));
        try (CsvFile csv = CsvFile.open(file)) {
            assertThat(csv.header()).containsExactly("id", "name");
        }
    }

    @Test
    void anEmptyFileHasNoHeaderAndAHeaderOnlyFileNoRows() throws Exception {
        Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
        try (CsvFile csv = CsvFile.open(empty)) {
            assertThat(csv.header()).isEmpty();
            assertThat(csv.next()).isNull();
        }
        Path header = Files.writeString(dir.resolve("header.csv"), "id,name\r\n");
        try (CsvFile csv = CsvFile.open(header)) {
            assertThat(csv.header()).containsExactly("id", "name");
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void skippingTheCheckpointsRecordsResumesAtTheNextRecord() throws Exception {
        Path file = Files.writeString(dir.resolve("s.csv"), "id\n1\n\"2\n2\"\n3\n");
        try (CsvFile csv = CsvFile.open(file)) {
            assertThat(csv.skip(2)).isTrue();
            CsvRow row = csv.next();
            assertThat(row.fields()).containsExactly("3");
            assertThat(row.line()).isEqualTo(5);
            assertThat(row.index()).isEqualTo(2);
        }
        try (CsvFile csv = CsvFile.open(file)) {
            assertThat(csv.skip(4)).as("the file has 3 records").isFalse();
        }
    }

    @Test
    void aFieldLongerThanTheLimitIsRefusedNotReadWhole() throws Exception {
        String huge = "id,text\n1,\"" + "a".repeat(CsvFile.MAX_FIELD_CHARS + 10) + "\"\n";
        assertThatThrownBy(() -> rows(huge)).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("a field longer than " + CsvFile.MAX_FIELD_CHARS + " characters");
    }

    @Test
    void anUnclosedQuoteAndBytesThatAreNoUtf8AreRefusedWithTheirLine() throws Exception {
        assertThatThrownBy(() -> rows("id,text\n1,ok\n2,\"never closed\n3,x\n")).isInstanceOf(
                CsvFormatException.class).hasMessageContaining("f.csv:3: a quoted cell that is not closed");
        byte[] latin1 = "id,text\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> rows(latin1)).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("no UTF-8");
    }
}
