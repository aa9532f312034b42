package io.unikernal.etl.jdbc;

import io.unikernal.adapter.jdbc.JdbcCheckpoints;
import io.unikernal.adapter.jdbc.SqlDialect;
import io.unikernal.adapter.jdbc.Upsert;
import io.unikernal.adapter.jdbc.poll.JdbcPollEndpoint;
import io.unikernal.etl.crash.KillPoints;
import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A table of MariaDB/MySQL, SQLite or H2 (or PostgreSQL without COPY) as a pipeline's target: a batch is written by
 * prepared statements on one connection and committed in one transaction with the checkpoint
 * ({@link JdbcCheckpoints#advance(Connection, String, String, String)}), so it lands whole with its checkpoint or not
 * at all. MariaDB gets multi-row statements ({@code INSERT ... VALUES (...), (...)}, up to
 * {@link #MAX_ROWS_PER_STATEMENT} rows each: one round trip and one parse per statement); SQLite and H2, which run in
 * the process, a JDBC batch of one-row statements. {@code upsert} is each database's own ({@link Upsert}): a key that
 * exists gets the record's other values, and the batch's last record of a key wins.
 */
public final class JdbcTarget implements RecordTarget {

    /** MariaDB's limit is 65535 placeholders per statement; past a thousand rows a statement gains nothing. */
    static final int MAX_ROWS_PER_STATEMENT = 1000;
    private static final int MAX_PLACEHOLDERS = 65_535;

    private final DataSource dataSource;
    private final String table;
    private final List<String> key;
    private final JdbcCheckpoints checkpoints;
    private boolean checkpointsStarted;
    private Connection connection;
    private SqlDialect dialect;
    private List<TargetColumn> columns;
    private int rowsPerStatement;
    private String oneRow;
    private String fullStatement;
    private final List<Object[]> buffer = new ArrayList<>();
    private long bufferedBytes;

    /**
     * @param key the key columns of an upsert; empty: insert
     * @param namespace the checkpoints' namespace ({@code <app>/<pipeline>})
     */
    public JdbcTarget(DataSource dataSource, String table, List<String> key, String namespace) throws IOException {
        this(dataSource, table, key, checkpoints(dataSource, namespace));
    }

    private static JdbcCheckpoints checkpoints(DataSource dataSource, String namespace) {
        JdbcCheckpoints checkpoints = new JdbcCheckpoints();
        checkpoints.setDataSource(dataSource);
        checkpoints.setNamespace(namespace);
        return checkpoints;
    }

    /** @param checkpoints the store in the same database, so batches and checkpoints commit together */
    public JdbcTarget(DataSource dataSource, String table, List<String> key, JdbcCheckpoints checkpoints)
            throws IOException {
        if (table == null || !JdbcPollEndpoint.TABLE.matcher(table).matches()) {
            throw new PipelineException("the target table must be a plain SQL name (schema.table allowed), not '" + table
                    + "'");
        }
        this.dataSource = dataSource;
        this.table = table;
        this.key = List.copyOf(key);
        this.checkpoints = checkpoints;
    }

    @Override
    public void open(List<Field> fields) throws IOException {
        try {
            startCheckpoints(); // before this run's transaction holds a lock (SQLite has one writer)
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            dialect = SqlDialect.of(connection);
            columns = columns(fields);
            connection.commit();
        } catch (SQLException e) {
            throw new PipelineException("cannot open " + describe() + ": " + e.getMessage());
        }
        for (String k : key) {
            if (columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(k))) {
                throw new PipelineException("the key column " + k + " is not among the fields written to " + describe()
                        + " (" + columns.stream().map(TargetColumn::name).collect(Collectors.joining(", "))
                        + "): write it, or name another key");
            }
        }
        rowsPerStatement = dialect == SqlDialect.MARIADB
                ? Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, MAX_PLACEHOLDERS / columns.size())) : 1;
        oneRow = statement(1);
        fullStatement = statement(rowsPerStatement);
    }

    /** The table's column for each field, by name (exactly, else ignoring case). */
    private List<TargetColumn> columns(List<Field> fields) throws SQLException, IOException {
        List<TargetColumn> tableColumns = new ArrayList<>();
        List<String> unloadable = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                TargetColumn column = TargetColumn.of(meta, i);
                if (column == null) {
                    unloadable.add(meta.getColumnName(i) + " (" + meta.getColumnTypeName(i) + ")");
                }
                tableColumns.add(column);
            }
        } catch (SQLException e) {
            throw new PipelineException("cannot read the columns of " + describe() + ": " + e.getMessage());
        }
        List<TargetColumn> mapped = new ArrayList<>();
        for (Field field : fields) {
            TargetColumn column = find(tableColumns, field.name(), unloadable);
            if (mapped.contains(column)) {
                throw new PipelineException("two fields are column " + column.name() + " of " + describe());
            }
            if (!JdbcPollEndpoint.COLUMN.matcher(column.name()).matches()) {
                throw new PipelineException("column '" + column.name() + "' of " + describe() + " is no plain SQL name;"
                        + " pipelines write plain names only");
            }
            mapped.add(column);
        }
        return List.copyOf(mapped);
    }

    private TargetColumn find(List<TargetColumn> tableColumns, String name, List<String> unloadable)
            throws IOException {
        for (boolean exact : new boolean[] {true, false}) {
            for (TargetColumn column : tableColumns) {
                if (column != null && (exact ? column.name().equals(name) : column.name().equalsIgnoreCase(name))) {
                    return column;
                }
            }
        }
        for (String u : unloadable) {
            if (u.substring(0, u.indexOf(' ')).equalsIgnoreCase(name)) {
                throw new PipelineException("column " + u + " of " + describe() + " has a type pipelines do not load");
            }
        }
        throw new PipelineException(describe() + " has no column " + name + " (it has " + tableColumns.stream()
                .filter(c -> c != null).map(TargetColumn::name).collect(Collectors.joining(", "))
                + "): add the column or leave the field out");
    }

    /** The insert (or upsert) of {@code rows} rows. */
    private String statement(int rows) throws IOException {
        String names = columns.stream().map(TargetColumn::name).collect(Collectors.joining(", "));
        String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        String insert = "insert into " + table + " (" + names + ") values " + String.join(", ",
                Collections.nCopies(rows, row));
        if (key.isEmpty()) {
            return insert;
        }
        try {
            return Upsert.of(insert, String.join(", ", key), dialect);
        } catch (Upsert.NotAnUpsert e) {
            throw new PipelineException(describe() + ": " + e.getMessage());
        }
    }

    @Override
    public void add(Object[] values) throws BadValue {
        Object[] row = new Object[columns.size()];
        long bytes = 0;
        for (int i = 0; i < row.length; i++) {
            row[i] = columns.get(i).convert(values[i]);
            bytes += row[i] == null ? 1 : row[i] instanceof String s ? s.length() + 2 : 8;
        }
        buffer.add(row);
        bufferedBytes += bytes;
    }

    @Override
    public int bufferedRecords() {
        return buffer.size();
    }

    @Override
    public long bufferedBytes() {
        return bufferedBytes;
    }

    @Override
    public long commit(String name, String expected, String next) throws IOException {
        try {
            long written = write();
            if (!checkpoints.advance(connection, name, expected, next)) {
                connection.rollback();
                throw new CheckpointMoved("another run of the pipeline moved checkpoint " + name + " of "
                        + describe() + ": this run stops without writing its batch");
            }
            KillPoints.reach("jdbc-commit");
            connection.commit();
            buffer.clear();
            bufferedBytes = 0;
            return written;
        } catch (SQLException e) {
            rollback();
            throw new PipelineException("the batch into " + describe() + " failed: " + e.getMessage());
        }
    }

    private long write() throws SQLException {
        long written = 0;
        int full = buffer.size() / rowsPerStatement * rowsPerStatement;
        if (full > 0) {
            written += write(fullStatement, 0, full, rowsPerStatement);
        }
        if (full < buffer.size()) {
            written += write(oneRow, full, buffer.size(), 1);
        }
        return written;
    }

    /** Rows {@code from..to} of the buffer, {@code perStatement} rows each execution, as one JDBC batch. */
    private long write(String sql, int from, int to, int perStatement) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int start = from; start < to; start += perStatement) {
                int index = 1;
                for (int r = start; r < start + perStatement; r++) {
                    for (Object value : buffer.get(r)) {
                        statement.setObject(index++, value);
                    }
                }
                statement.addBatch();
                if (start == from) {
                    KillPoints.reach("jdbc-write");
                }
            }
            statement.executeBatch(); // the counts differ per database (an updated MariaDB row counts 2): not used
            return to - from;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is gone: its transaction is gone with it
        }
    }

    /** The checkpoints, their table created if missing: they are read before the target opens. */
    public CheckpointStore checkpoints() {
        try {
            startCheckpoints();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the checkpoint table of " + describe() + ": "
                    + e.getMessage(), e);
        }
        return checkpoints;
    }

    private void startCheckpoints() throws SQLException {
        if (!checkpointsStarted) {
            checkpoints.start();
            checkpointsStarted = true;
        }
    }

    @Override
    public String describe() {
        return "table " + table;
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            rollback();
            try {
                connection.close();
            } catch (SQLException e) {
                throw new PipelineException("cannot close " + describe() + ": " + e.getMessage());
            }
        }
    }
}
