package io.unikernal.etl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.unikernal.etl.format.FormatFiles;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.SourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {

    private final JsonLinesFormat jsonl = new JsonLinesFormat();

    @TempDir
    Path dir;

    @Test
    void aBadLineIsRejectedAtItsLineAndTheNextLinesAreRead() throws Exception {
        Path file = Files.writeString(dir.resolve("e.jsonl"),
                "\uFEFF{\"id\": 1, \"name\": \"a\"}\r\n\n{\"id\": 2, \"name\": \n\"x\"\n{\"id\": 3}\n42\n{\"id\": 4}");

        FormatFiles.Read read = FormatFiles.read(jsonl, file);

        assertThat(read.fields()).containsExactly(new Field("id", FieldType.LONG, false),
                new Field("name", FieldType.TEXT, true));
        assertThat(read.good()).extracting(SourceRecord::where).containsExactly("e.jsonl:1", "e.jsonl:5", "e.jsonl:7");
        assertThat(FormatFiles.values(read.good())).containsExactly(Arrays.asList(1L, "a"), Arrays.asList(3L, null),
                Arrays.asList(4L, null));
        assertThat(read.bad()).extracting(SourceRecord::where, SourceRecord::raw).containsExactly(
                tuple("e.jsonl:3", "{\"id\": 2, \"name\": "), tuple("e.jsonl:4", "\"x\""), tuple("e.jsonl:6", "42"));
        assertThat(read.bad().get(0).problem()).startsWith("no JSON: ");
        assertThat(read.bad().get(1).problem()).isEqualTo("the line is a string, not an object");
    }

    @Test
    void writesOneObjectALineThatReadsBack() throws Exception {
        Path file = dir.resolve("out.jsonl");
        List<Field> fields = List.of(new Field("id", FieldType.LONG, false), Field.text("name"));
        FormatFiles.write(jsonl, file, fields, List.of(new Object[] {1L, "a\nb"}, new Object[] {2L, null}));

        assertThat(Files.readAllLines(file)).containsExactly("{\"id\":1,\"name\":\"a\\nb\"}", "{\"id\":2,\"name\":null}");
        assertThat(FormatFiles.values(FormatFiles.read(jsonl, file).records()))
                .containsExactly(Arrays.asList(1L, "a\nb"), Arrays.asList(2L, null));
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedWithoutBeingHeld() throws Exception {
        Path file = dir.resolve("long.jsonl");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("{\"id\": 1}\n{\"id\": \"");
            char[] chunk = new char[1 << 20];
            Arrays.fill(chunk, 'x');
            for (int i = 0; i < JsonLinesFormat.MAX_LINE_CHARS / chunk.length + 1; i++) {
                out.write(chunk);
            }
            out.write("\"}\n{\"id\": 3}\n");
        }

        FormatFiles.Read read = FormatFiles.read(jsonl, file);

        assertThat(read.bad()).singleElement().satisfies(bad -> {
            assertThat(bad.where()).isEqualTo("long.jsonl:2");
            assertThat(bad.problem()).isEqualTo("the line is longer than " + JsonLinesFormat.MAX_LINE_CHARS
                    + " characters");
        });
        assertThat(FormatFiles.values(read.good())).containsExactly(List.of(1L), List.of(3L));
    }
}
