package io.unikernal.etl.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.RecordTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table of MariaDB, SQLite or H2 as a target: batches written with their checkpoint in one transaction (multi-row
 * statements on MariaDB, JDBC batches elsewhere), an upsert whose batch's last record of a key wins, values checked
 * per record with a reason, and a batch that cannot land leaving the table and the checkpoint as they were.
 */
class JdbcTargetTest {

    private static final List<Field> FIELDS = List.of(Field.text("id"), Field.text("name"), Field.text("amount"),
            new Field("seen", FieldType.LOCAL_TIMESTAMP, true));

    @TempDir
    Path dir;

    private static String columns(Db db) {
        return "id bigint primary key, name varchar(10), amount decimal(7,2) not null, seen " + db.timestamp();
    }

    @ParameterizedTest
    @EnumSource(value = Db.class, names = {"MARIADB", "SQLITE", "H2"})
    void batchesLandWithTheirCheckpointAndARerunOfACommittedPositionIsRefused(Db db) throws Exception {
        try (Db.Tables tables = new Db.Tables(db.pool(dir))) {
            String table = tables.create("etl_tgt", columns(db));
            String namespace = tables.namespace("etltgt");
            // 2,345 rows: two full multi-row statements of 1000 on MariaDB, then 345 single rows
            try (JdbcTarget target = new JdbcTarget(tables.pool(), table, List.of(), namespace)) {
                target.open(FIELDS);
                for (int id = 1; id <= 2345; id++) {
                    target.add(new Object[] {String.valueOf(id), "n" + id, id + ".5",
                            java.time.LocalDateTime.of(2026, 12, 7, 10, 0, id % 60)});
                }
                assertThat(target.bufferedRecords()).isEqualTo(2345);
                assertThat(target.bufferedBytes()).isPositive();
                assertThat(target.commit("src", null, "p1")).isEqualTo(2345);
                assertThat(target.bufferedRecords()).isZero();
                target.add(new Object[] {"9999", "late", "1", null});
                assertThatThrownBy(() -> target.commit("src", null, "p2"))
                        .isInstanceOf(RecordTarget.CheckpointMoved.class).hasMessageContaining("another run");
                assertThat(target.checkpoints().position("src")).isEqualTo(Optional.of("p1"));
            }
            assertThat(tables.rows("SELECT count(*), sum(id), sum(amount) FROM " + table).get(0))
                    .extracting(v -> new java.math.BigDecimal(v).stripTrailingZeros().toPlainString())
                    .containsExactly("2345", String.valueOf(2345L * 2346 / 2), String.valueOf(2345L * 2346 / 2
                            + 2345 / 2) + (2345 % 2 == 1 ? ".5" : ""));
            assertThat(tables.rows("SELECT name FROM " + table + " WHERE id = 9999")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Db.class, names = {"MARIADB", "SQLITE", "H2"})
    void anUpsertReplacesExistingKeysAndTheBatchsLastRecordOfAKeyWins(Db db) throws Exception {
        try (Db.Tables tables = new Db.Tables(db.pool(dir))) {
            String table = tables.create("etl_tgt", columns(db));
            tables.execute("INSERT INTO " + table + " (id, name, amount) VALUES (1, 'old', 1.00), (2, 'keep', 2.00)");
            try (JdbcTarget target = new JdbcTarget(tables.pool(), table, List.of("id"), tables.namespace("etlup"))) {
                target.open(FIELDS);
                target.add(new Object[] {"1", "first", "10", null});
                target.add(new Object[] {"3", "new", "30", null});
                target.add(new Object[] {"1", "last", "11", null});
                target.commit("src", null, "p1");
            }
            assertThat(tables.rows("SELECT id, name FROM " + table + " ORDER BY id")).containsExactly(
                    List.of("1", "last"), List.of("2", "keep"), List.of("3", "new"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Db.class, names = {"MARIADB", "SQLITE", "H2"})
    void aValueThatDoesNotFitRejectsItsRecordWithTheReasonAndNothingOfIt(Db db) throws Exception {
        try (Db.Tables tables = new Db.Tables(db.pool(dir))) {
            String table = tables.create("etl_tgt", columns(db));
            try (JdbcTarget target = new JdbcTarget(tables.pool(), table, List.of(), tables.namespace("etlbad"))) {
                target.open(FIELDS);
                List<String> reasons = new ArrayList<>();
                for (Object[] bad : List.of(new Object[] {"x1", "a", "1", null}, new Object[] {"2", "eleven chars", "1",
                        null}, new Object[] {"3", "c", "1.234", null}, new Object[] {"4", "d", null, null},
                        new Object[] {"5", "e", "100000", null})) {
                    try {
                        target.add(bad);
                    } catch (BadValue e) {
                        reasons.add(e.getMessage());
                    }
                }
                assertThat(reasons).hasSize(5);
                assertThat(reasons.get(0)).contains("column id", "integer", "x1");
                assertThat(reasons.get(1)).contains("column name", "10", "not cut");
                assertThat(reasons.get(2)).contains("more than 2 decimals");
                assertThat(reasons.get(3)).contains("may not be null");
                assertThat(reasons.get(4)).contains("too large");
                assertThat(target.bufferedRecords()).isZero();
                target.add(new Object[] {"6", "ok", "6", null});
                target.commit("src", null, "p1");
            }
            assertThat(tables.rows("SELECT id FROM " + table)).containsExactly(List.of("6"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Db.class, names = {"MARIADB", "SQLITE", "H2"})
    void aBatchTheDatabaseRefusesLeavesTheTableAndTheCheckpointAsTheyWere(Db db) throws Exception {
        try (Db.Tables tables = new Db.Tables(db.pool(dir))) {
            String table = tables.create("etl_tgt", columns(db));
            try (JdbcTarget target = new JdbcTarget(tables.pool(), table, List.of(), tables.namespace("etldup"))) {
                target.open(FIELDS);
                target.add(new Object[] {"1", "a", "1", null});
                target.commit("src", null, "p1");
                target.add(new Object[] {"2", "b", "2", null});
                target.add(new Object[] {"1", "again", "1", null}); // insert mode: a duplicate key fails the batch
                assertThatThrownBy(() -> target.commit("src", "p1", "p2")).hasMessageContaining("the batch into table "
                        + table + " failed");
                assertThat(target.checkpoints().position("src")).isEqualTo(Optional.of("p1"));
            }
            assertThat(tables.rows("SELECT id FROM " + table)).containsExactly(List.of("1"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Db.class, names = {"MARIADB", "SQLITE", "H2"})
    void aFieldTheTableLacksOrAKeyNotWrittenIsRefusedAtOpenSayingWhatToChange(Db db) throws Exception {
        try (Db.Tables tables = new Db.Tables(db.pool(dir))) {
            String table = tables.create("etl_tgt", columns(db));
            try (JdbcTarget target = new JdbcTarget(tables.pool(), table, List.of(), tables.namespace("etlopen"))) {
                assertThatThrownBy(() -> target.open(List.of(Field.text("id"), Field.text("colour"))))
                        .hasMessageContaining("has no column colour").hasMessageContaining("add the column");
            }
            try (JdbcTarget target = new JdbcTarget(tables.pool(), table, List.of("id"), tables.namespace("etlk"))) {
                assertThatThrownBy(() -> target.open(List.of(Field.text("name"))))
                        .hasMessageContaining("key column id is not among the fields");
            }
            assertThatThrownBy(() -> new JdbcTarget(tables.pool(), "people; drop", List.of(), "x/y"))
                    .hasMessageContaining("plain SQL name");
        }
    }
}
