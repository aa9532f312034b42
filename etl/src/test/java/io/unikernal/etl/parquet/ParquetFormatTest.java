package io.unikernal.etl.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.etl.format.FormatFiles;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.SourceRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFormatTest {

    private final ParquetFormat parquet = new ParquetFormat();

    @TempDir
    Path dir;

    @Test
    void readsAFileDuckDbWroteWithItsTypesAcrossRowGroups() throws Exception {
        Path file = dir.resolve("duck.parquet");
        duck("COPY (SELECT i::INTEGER AS id, 'name ' || i AS name, i * 0.5 AS half, (i / 100)::DECIMAL(10,2) AS price,"
                + " DATE '2024-01-01' + i::INTEGER AS day, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS at,"
                + " i % 2 = 0 AS even, CASE WHEN i % 3 = 0 THEN NULL ELSE i END::BIGINT AS maybe"
                + " FROM range(0, 2500) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");

        FormatFiles.Read read = FormatFiles.read(parquet, file);

        assertThat(read.fields()).extracting(Field::name, Field::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("id", FieldType.LONG),
                org.assertj.core.groups.Tuple.tuple("name", FieldType.STRING),
                org.assertj.core.groups.Tuple.tuple("half", FieldType.DECIMAL),
                org.assertj.core.groups.Tuple.tuple("price", FieldType.DECIMAL),
                org.assertj.core.groups.Tuple.tuple("day", FieldType.DATE),
                org.assertj.core.groups.Tuple.tuple("at", FieldType.LOCAL_TIMESTAMP),
                org.assertj.core.groups.Tuple.tuple("even", FieldType.BOOLEAN),
                org.assertj.core.groups.Tuple.tuple("maybe", FieldType.LONG));
        assertThat(read.records()).hasSize(2500).noneMatch(SourceRecord::isBad);
        assertThat(Arrays.asList(read.records().get(1233).values())).containsExactly(1233L, "name 1233",
                new BigDecimal("616.5"), new BigDecimal("12.33"), LocalDate.of(2024, 1, 1).plusDays(1233),
                LocalDateTime.of(2024, 1, 1, 0, 20, 33), false, null);
        assertThat(read.records().get(1234).values()[7]).isEqualTo(1234L);
        assertThat(read.records().get(1234).where()).isEqualTo("duck.parquet [1234]");
    }

    @Test
    void writesAFileThatReadsBackAndThatDuckDbReads() throws Exception {
        Path file = dir.resolve("out.parquet");
        List<Field> fields = List.of(new Field("id", FieldType.LONG, false), Field.text("name"),
                new Field("price", FieldType.DOUBLE, true), new Field("amount", FieldType.DECIMAL, true),
                new Field("ok", FieldType.BOOLEAN, true), new Field("day", FieldType.DATE, true),
                new Field("at", FieldType.TIMESTAMP, true), new Field("local", FieldType.LOCAL_TIMESTAMP, true),
                new Field("raw", FieldType.BYTES, true), new Field("doc", FieldType.JSON, true));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 3000; i++) {
            rows.add(new Object[] {i, "n" + i, i / 4.0, new BigDecimal(i + ".25"), i % 2 == 0,
                LocalDate.of(2020, 1, 1).plusDays(i), Instant.ofEpochSecond(1_700_000_000L + i, 123_000),
                LocalDateTime.of(2021, 3, 4, 5, 6, 7), new byte[] {1, (byte) i}, Map.of("i", i)});
        }
        rows.add(new Object[] {3000L, null, null, null, null, null, null, null, null, null});
        FormatFiles.write(parquet, file, fields, rows);

        FormatFiles.Read read = FormatFiles.read(parquet, file);

        assertThat(read.fields()).extracting(Field::type).containsExactly(FieldType.LONG, FieldType.STRING,
                FieldType.DOUBLE, FieldType.STRING, FieldType.BOOLEAN, FieldType.DATE, FieldType.TIMESTAMP,
                FieldType.LOCAL_TIMESTAMP, FieldType.BYTES, FieldType.JSON);
        Object[] back = read.records().get(7).values();
        assertThat(Arrays.asList(back).subList(0, 8)).containsExactly(7L, "n7", 1.75, "7.25", false,
                LocalDate.of(2020, 1, 8), Instant.ofEpochSecond(1_700_000_007L, 123_000),
                LocalDateTime.of(2021, 3, 4, 5, 6, 7));
        assertThat((byte[]) back[8]).containsExactly(1, 7);
        assertThat(back[9]).isEqualTo(Map.of("i", 7));
        assertThat(read.records().get(3000).values()).containsExactly(3000L, null, null, null, null, null, null,
                null, null, null);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), sum(id), max(name), sum(price), min(day)::VARCHAR"
                        + " FROM read_parquet('" + file + "')")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(3001);
            assertThat(r.getLong(2)).isEqualTo(3000L * 3001 / 2);
            assertThat(r.getString(3)).isEqualTo("n999");
            assertThat(r.getDouble(4)).isEqualTo(2999.0 * 3000 / 2 / 4);
            assertThat(r.getString(5)).isEqualTo("2020-01-01");
        }
        String position = FormatFiles.positionAfter(parquet, file, 2999);
        assertThat(FormatFiles.read(parquet, file, position).records()).extracting(r -> r.values()[0])
                .containsExactly(2999L, 3000L);
    }

    @Test
    void aRowWhoseTextIsNoUtf8IsRejectedWithItsIndex() throws Exception {
        Path file = dir.resolve("bad.parquet");
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required int64 id; optional binary name (STRING); }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .build()) {
            writer.write(groups.newGroup().append("id", 1L).append("name", "ok"));
            writer.write(groups.newGroup().append("id", 2L).append("name",
                    Binary.fromConstantByteArray(new byte[] {'a', (byte) 0xFF})));
            writer.write(groups.newGroup().append("id", 3L).append("name", "fine"));
        }

        FormatFiles.Read read = FormatFiles.read(parquet, file);

        assertThat(read.bad()).singleElement().satisfies(bad -> {
            assertThat(bad.where()).isEqualTo("bad.parquet [1]");
            assertThat(bad.problem()).isEqualTo("column name holds bytes that are no UTF-8 text");
        });
        assertThat(FormatFiles.values(read.good())).containsExactly(List.of(1L, "ok"), List.of(3L, "fine"));
    }

    @Test
    void aNestedColumnOrAFileThatIsNoParquetIsRefusedWithWhere() throws Exception {
        Path nested = dir.resolve("nested.parquet");
        duck("COPY (SELECT 1 AS id, [1, 2] AS list) TO '" + nested + "' (FORMAT parquet)");
        assertThatThrownBy(() -> FormatFiles.read(parquet, nested)).hasMessage("nested.parquet: column list is a"
                + " nested or repeated column (a list, map or struct); only flat columns are read");

        Path garbage = Files.writeString(dir.resolve("garbage.parquet"), "id,name\n1,a\n");
        assertThatThrownBy(() -> FormatFiles.read(parquet, garbage)).hasMessageStartingWith(
                "garbage.parquet: no Parquet file (");
    }

    private static void duck(String sql) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute(sql);
        }
    }
}
