package io.unikernal.etl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.etl.format.FormatFiles;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.SourceRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFormatTest {

    private final JsonFormat json = new JsonFormat();

    @TempDir
    Path dir;

    @Test
    void typesFieldsFromTheFirstRecordsAndReadsNumbersExactly() throws Exception {
        Path file = Files.writeString(dir.resolve("p.json"), """
                [
                  {"id": 1, "name": "a", "amount": 1.10, "ok": true, "tags": ["x"]},
                  {"id": 2, "name": null, "amount": 3, "ok": false, "tags": {"k": 1}, "day": "2024-01-02"}
                ]
                """);

        FormatFiles.Read read = FormatFiles.read(json, file);

        assertThat(read.fields()).containsExactly(new Field("id", FieldType.LONG, false),
                new Field("name", FieldType.TEXT, true), new Field("amount", FieldType.DECIMAL, false),
                new Field("ok", FieldType.BOOLEAN, false), new Field("tags", FieldType.JSON, false),
                new Field("day", FieldType.TEXT, true));
        assertThat(FormatFiles.values(read.records())).containsExactly(
                Arrays.asList(1L, "a", new BigDecimal("1.10"), true, List.of("x"), null),
                Arrays.asList(2L, null, new BigDecimal("3"), false, Map.of("k", 1L), "2024-01-02"));
        assertThat(read.records()).extracting(SourceRecord::where).containsExactly("p.json:2 [0]", "p.json:3 [1]");
    }

    @Test
    void anElementThatIsNoObjectOrDoesNotFitItsFieldIsRejectedWithIndexAndLine() throws Exception {
        // the first 1000 elements type the fields: a text id after them does not fit (in them it would make id JSON)
        StringBuilder text = new StringBuilder("[\n");
        text.append("{\"id\": 1},\n");
        text.append("[1, 2],\n");
        for (int i = 2; i <= 1200; i++) {
            text.append(i == 1100 ? "{\"id\": \"two\"},\n" : "{\"id\": " + i + "},\n");
        }
        text.append("{\"id\": 1201, \"late\": 1}\n]");
        Path file = Files.writeString(dir.resolve("bad.json"), text);

        FormatFiles.Read read = FormatFiles.read(json, file);

        assertThat(read.good()).hasSize(1199);
        assertThat(read.bad()).extracting(SourceRecord::where, SourceRecord::problem).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bad.json:3 [1]", "the element is an array, not an object"),
                org.assertj.core.groups.Tuple.tuple("bad.json:1102 [1100]",
                        "field id holds text here, a whole number in the first records"),
                org.assertj.core.groups.Tuple.tuple("bad.json:1203 [1201]",
                        "late is not among the fields (id: the names of the first 1000 records)"));
    }

    @Test
    void aSyntaxErrorStopsTheReadAtItsLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "[\n{\"id\": 1},\n{\"id\": 2,,}\n]");

        assertThatThrownBy(() -> FormatFiles.read(json, file)).hasMessageStartingWith("broken.json:3:10: no JSON here");
        Path object = Files.writeString(dir.resolve("object.json"), "{\"id\": 1}");
        assertThatThrownBy(() -> FormatFiles.read(json, object)).hasMessageContaining("object.json:1: the file is no"
                + " JSON array of objects (a file of one object a line is format jsonl)");
    }

    @Test
    void anEmptyFileAndAnEmptyArrayHaveNoRecords() throws Exception {
        assertThat(FormatFiles.read(json, Files.writeString(dir.resolve("e.json"), "")).records()).isEmpty();
        assertThat(FormatFiles.read(json, Files.writeString(dir.resolve("a.json"), " [ ] ")).records()).isEmpty();
    }

    @Test
    void writtenRecordsReadBackWithTheirTypesAndResumeByCount() throws Exception {
        Path file = dir.resolve("out.json");
        List<Field> fields = List.of(new Field("id", FieldType.LONG, false), Field.text("name"),
                new Field("price", FieldType.DOUBLE, true), new Field("day", FieldType.DATE, true),
                new Field("doc", FieldType.JSON, true));
        FormatFiles.write(json, file, fields, List.of(new Object[] {1L, "é \"q\"", 2.5, LocalDate.of(2024, 1, 2),
            Map.of("a", List.of(1L))}, new Object[] {2L, null, null, null, null}));

        FormatFiles.Read read = FormatFiles.read(json, file);

        assertThat(FormatFiles.values(read.records())).containsExactly(
                Arrays.asList(1L, "é \"q\"", new BigDecimal("2.5"), "2024-01-02", Map.of("a", List.of(1L))),
                Arrays.asList(2L, null, null, null, null));
        String position = FormatFiles.positionAfter(json, file, 1);
        assertThat(FormatFiles.values(FormatFiles.read(json, file, position).records()))
                .containsExactly(Arrays.asList(2L, null, null, null, null));
    }
}
