package io.unikernal.etl.postgres;

import io.unikernal.etl.crash.KillPoints;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loading a table at COPY speed on one connection: each batch is COPYed into a temporary staging table (no WAL, the
 * session's own, emptied at every commit), then moved into the target with one INSERT ... SELECT — or, for an
 * upsert, INSERT ... ON CONFLICT (key) DO UPDATE, keeping a key's last row of the batch. The caller commits, with
 * the checkpoint, so the batch and its checkpoint land together or not at all.
 */
public final class PostgresLoad implements AutoCloseable {

    /** The staging table's extra column: the row's source line, which orders "the last row of a key wins". */
    private static final String LINE_COLUMN = "unikernal_line";

    private final Connection connection;
    private final String table;
    private final List<Column> columns;
    private final List<String> key;
    private final String staging;
    private final String copy;
    private final String merge;

    private PostgresLoad(Connection connection, String table, List<Column> columns, List<String> key,
            String staging) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.key = key;
        this.staging = staging;
        String names = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        this.copy = "COPY " + staging + " (" + names + ", " + LINE_COLUMN + ") FROM STDIN (FORMAT csv)";
        this.merge = key.isEmpty()
                ? "INSERT INTO " + table + " (" + names + ") SELECT " + names + " FROM " + staging + " ORDER BY "
                        + LINE_COLUMN
                : upsert(table, names, columns, key, staging);
    }

    private static String upsert(String table, String names, List<Column> columns, List<String> key,
            String staging) {
        String keys = key.stream().map(PostgresLoad::quote).collect(Collectors.joining(", "));
        List<String> updated = columns.stream().map(Column::name).filter(c -> !key.contains(c))
                .map(c -> quote(c) + " = EXCLUDED." + quote(c)).toList();
        // DISTINCT ON: one row per key (ON CONFLICT cannot touch a row twice in one statement), the batch's last
        return "INSERT INTO " + table + " (" + names + ") SELECT DISTINCT ON (" + keys + ") " + names + " FROM "
                + staging + " ORDER BY " + keys + ", " + LINE_COLUMN + " DESC ON CONFLICT (" + keys + ") DO "
                + (updated.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", updated));
    }

    /** The target's columns as the database describes them, in table order. */
    public static List<Column> columns(Connection connection, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("SELECT * FROM " + table + " WHERE false")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(new Column(meta.getColumnName(i), meta.getColumnTypeName(i).toLowerCase(Locale.ROOT),
                        meta.getPrecision(i), meta.getScale(i),
                        meta.isNullable(i) != ResultSetMetaData.columnNoNulls));
            }
        }
        return List.copyOf(columns);
    }

    /**
     * Prepares loading {@code columns} (a subset of the table's, in the order rows give them) into {@code table};
     * {@code key} empty inserts, else upserts by it. The connection must not auto-commit.
     */
    public static PostgresLoad open(Connection connection, String table, List<Column> columns, List<String> key)
            throws SQLException {
        String staging = "unikernal_stage_" + Integer.toUnsignedString(table.hashCode(), 36);
        String names = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS pg_temp." + staging);
            // no constraints are copied: a row is checked by the target's, when it is merged
            statement.execute("CREATE TEMP TABLE " + staging + " ON COMMIT DELETE ROWS AS SELECT " + names
                    + " FROM " + table + " WITH NO DATA");
            statement.execute("ALTER TABLE " + staging + " ADD COLUMN " + LINE_COLUMN + " bigint");
        }
        connection.commit();
        return new PostgresLoad(connection, table, columns, key, staging);
    }

    /** COPYs the batch into the staging table and merges it into the target; the caller commits. */
    public long load(CopyBuffer batch) throws SQLException, IOException {
        if (batch.rows() == 0) {
            return 0;
        }
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        copyManager.copyIn(copy, KillPoints.atHalf(batch.data(), batch.size(), "pg-copy"));
        try (Statement statement = connection.createStatement()) {
            int merged = statement.executeUpdate(merge);
            KillPoints.reach("pg-merged");
            return merged;
        }
    }

    public String table() {
        return table;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> key() {
        return key;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws SQLException {
        connection.rollback();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS pg_temp." + staging);
        }
        connection.commit();
    }
}
