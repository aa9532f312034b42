package io.unikernal.etl.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.SourceRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table or a query read by a cursor column in every database: typed values, ties of the cursor ordered by the
 * primary key across page boundaries, a resume in the middle of a tie, a batch read that ends at the last row there
 * was when it opened, and the stream that follows it from the same position with no row missing and none twice.
 */
class TableSourceTest {

    @TempDir
    Path dir;

    /** Rows 1..n: cursor {@code version = id / 3} (three rows per value: ties), a name, an amount, a date. */
    private static String insert(String table, int from, int to) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (id, version, name, amount, born) VALUES ");
        for (int id = from; id <= to; id++) {
            sql.append(id == from ? "" : ", ").append("(").append(id).append(", ").append(id / 3).append(", 'n")
                    .append(id).append("', ").append(id).append(".25, '2026-01-").append(10 + id % 10).append("')");
        }
        return sql.toString();
    }

    private static List<SourceRecord> readAll(TableSource source) throws Exception {
        List<SourceRecord> records = new ArrayList<>();
        for (SourceRecord r = source.next(); r != null; r = source.next()) {
            records.add(r);
        }
        return records;
    }

    private static List<Long> ids(List<SourceRecord> records) {
        return records.stream().map(r -> (Long) r.values()[0]).toList();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aTableIsReadInCursorOrderWithTiesByItsPrimaryKeyAndResumedInsideATie(Db db) throws Exception {
        try (Db.Tables tables = new Db.Tables(db.pool(dir))) {
            String table = tables.create("etl_src", "id integer primary key, version integer not null, "
                    + "name varchar(20), amount decimal(10,2), born date");
            // inserted in an order that is neither the cursor's nor the key's
            tables.execute(insert(table, 11, 20));
            tables.execute(insert(table, 1, 10));
            List<SourceRecord> firstFive;
            String position;
            try (TableSource source = source(db, tables, table, false)) {
                assertThat(source.resume(null)).isTrue();
                assertThat(source.fields()).extracting(f -> f.type()).containsExactly(FieldType.LONG, FieldType.LONG,
                        FieldType.STRING, FieldType.DECIMAL, FieldType.DATE);
                firstFive = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    firstFive.add(source.next());
                }
                position = source.position();
            }
            // version 0: ids 1, 2; version 1: 3, 4, 5 — the checkpoint falls inside version 1's tie
            assertThat(ids(firstFive)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(firstFive.get(0).values()).containsExactly(1L, 0L, "n1", new BigDecimal("1.25"),
                    LocalDate.of(2026, 1, 11));
            try (TableSource resumed = source(db, tables, table, false)) {
                assertThat(resumed.resume(position)).isTrue();
                List<SourceRecord> rest = readAll(resumed);
                assertThat(ids(rest)).containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(6, 20).boxed().toList());
                assertThat(rest.get(0).where()).startsWith(table + " at ");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aBatchReadEndsAtTheLastRowAtItsStartAndTheStreamFollowsOnWithNoGapAndNoOverlap(Db db) throws Exception {
        try (Db.Tables tables = new Db.Tables(db.pool(dir))) {
            String table = tables.create("etl_src", "id integer primary key, version integer not null, "
                    + "name varchar(20), amount decimal(10,2), born date");
            tables.execute(insert(table, 1, 12));
            String handOver;
            List<Long> backfilled;
            try (TableSource backfill = source(db, tables, table, false)) {
                backfill.resume(null);
                backfilled = new ArrayList<>(ids(List.of(backfill.next(), backfill.next())));
                // written after the batch run opened: the stream's, not the backfill's
                tables.execute(insert(table, 13, 15));
                backfilled.addAll(ids(readAll(backfill)));
                handOver = backfill.position();
            }
            assertThat(backfilled).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 12).boxed().toList());
            try (TableSource stream = source(db, tables, table, true)) {
                assertThat(stream.unbounded()).isTrue();
                stream.resume(handOver);
                List<Long> streamed = new ArrayList<>(ids(readAll(stream)));
                assertThat(stream.next()).as("nothing new yet").isNull();
                tables.execute(insert(table, 16, 17));
                streamed.addAll(ids(readAll(stream)));
                assertThat(streamed).containsExactly(13L, 14L, 15L, 16L, 17L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aQueryIsReadByItsCursorAndKeyAndAnEmptyOneEndsAtOnce(Db db) throws Exception {
        try (Db.Tables tables = new Db.Tables(db.pool(dir))) {
            String table = tables.create("etl_src", "id integer primary key, version integer not null, "
                    + "name varchar(20), amount decimal(10,2), born date");
            tables.execute(insert(table, 1, 9));
            try (TableSource source = new TableSource(tables.pool(), null, "SELECT id, version, name FROM " + table
                    + " WHERE id % 2 = 1", "version", "id", 2, false, Duration.ofMillis(10))) {
                source.resume(null);
                assertThat(source.fields()).extracting(f -> f.name().toLowerCase()).containsExactly("id", "version",
                        "name");
                assertThat(ids(readAll(source))).containsExactly(1L, 3L, 5L, 7L, 9L);
            }
            try (TableSource empty = new TableSource(tables.pool(), null, "SELECT id, version FROM " + table
                    + " WHERE id > 100", "version", "id", 2, false, Duration.ofMillis(10))) {
                empty.resume(null);
                assertThat(empty.next()).isNull();
                assertThat(empty.position()).isNull();
            }
        }
    }

    private static TableSource source(Db db, Db.Tables tables, String table, boolean follow) throws Exception {
        // pages of 2 rows: every tie of three spans a page boundary
        return new TableSource(tables.pool(), table, null, "version", null, 2, follow, Duration.ofMillis(10));
    }
}
