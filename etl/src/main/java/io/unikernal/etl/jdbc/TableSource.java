package io.unikernal.etl.jdbc;

import io.unikernal.adapter.jdbc.poll.Cursor;
import io.unikernal.adapter.jdbc.poll.PollQuery;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A table or a SELECT of any database the jdbc adapters reach (PostgreSQL, MariaDB/MySQL, SQLite, H2), read in cursor
 * order a page at a time by the polled source's own statements ({@link PollQuery}: rows after the saved cursor,
 * ordered by the cursor column, then by the cursor key that orders rows of equal cursor values). The position is the
 * cursor of the last row returned, so a checkpoint between any two rows resumes exactly after the first.
 *
 * <p>Bounded (a batch run): it reads up to the last row there was when it opened and ends there. Unbounded
 * ({@code follow}): it goes on reading the rows written after, returning {@code null} when a poll finds none. A
 * backfill and the stream that follows it keep one checkpoint, so the hand-over is the cursor itself: the stream
 * starts after the backfill's last committed row.
 */
public final class TableSource implements RecordSource {

    private final DataSource dataSource;
    private final String name;
    private final PollQuery query;
    private final boolean follow;
    private final Duration poll;
    private final String describe;
    private Connection connection;
    private List<Field> fields = List.of();
    private Cursor position;
    private Cursor last;
    private boolean ended;
    private PreparedStatement statement;
    private ResultSet page;
    private int[] cursorColumns;
    private int pageRows;
    private final int pageSize;

    /**
     * @param table a table to read, or null with {@code query}
     * @param query a SELECT to read as a derived table, or null with {@code table}
     * @param cursor the column rows are read in the order of (a number, a timestamp, a date or text)
     * @param key the column that orders rows of equal cursor values; null: the table's one-column primary key when
     *            it has one, else the cursor alone (which must then be unique)
     * @param follow true for a stream that follows the table after its last row
     */
    public TableSource(DataSource dataSource, String table, String query, String cursor, String key, int pageSize,
            boolean follow, Duration poll) throws IOException {
        this.dataSource = dataSource;
        this.name = table != null ? table : "query";
        this.follow = follow;
        this.poll = poll;
        this.pageSize = pageSize;
        String tieKey = key != null || table == null ? key : primaryKey(dataSource, table, cursor);
        try {
            this.query = new PollQuery(table, query, cursor, tieKey, pageSize);
        } catch (IllegalArgumentException e) {
            throw new PipelineException(e.getMessage());
        }
        this.describe = (table != null ? "table " + table : "query") + " by " + cursor
                + (tieKey != null ? ", " + tieKey : "");
        open();
    }

    /** The table's primary key when it is one column other than the cursor: what orders ties. */
    private static String primaryKey(DataSource dataSource, String table, String cursor) throws IOException {
        String schema = table.contains(".") ? table.substring(0, table.indexOf('.')) : null;
        String bare = table.substring(table.indexOf('.') + 1);
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> keys = new ArrayList<>();
            for (String candidate : List.of(bare, bare.toLowerCase(java.util.Locale.ROOT),
                    bare.toUpperCase(java.util.Locale.ROOT))) {
                try (ResultSet rows = meta.getPrimaryKeys(null, schema, candidate)) {
                    while (rows.next()) {
                        keys.add(rows.getString("COLUMN_NAME"));
                    }
                }
                if (!keys.isEmpty()) {
                    break;
                }
            }
            return keys.size() == 1 && !keys.get(0).equalsIgnoreCase(cursor) ? keys.get(0) : null;
        } catch (SQLException e) {
            throw new PipelineException("cannot read the primary key of " + table + ": " + e.getMessage());
        }
    }

    /** Connects and learns the fields, and the last row there is now (where a bounded read ends). */
    private void open() throws IOException {
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement lastRow = query.prepareLast(connection); ResultSet row = lastRow.executeQuery()) {
                fields = fields(row.getMetaData());
                last = row.next() ? query.cursorOf(row, query.cursorColumns(row)) : null;
            }
        } catch (SQLException | IllegalStateException e) {
            close();
            throw new PipelineException("cannot read " + describe + ": " + e.getMessage());
        }
    }

    @Override
    public boolean resume(String saved) throws IOException {
        try {
            position = saved == null ? null : Cursor.parse(saved);
        } catch (IllegalStateException e) {
            throw new PipelineException(describe + ": " + e.getMessage());
        }
        ended = !follow && (last == null || position != null && position.equals(last));
        return true;
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    @Override
    public SourceRecord next() throws IOException {
        try {
            while (!ended) {
                if (page == null) {
                    openPage();
                }
                if (page.next()) {
                    pageRows++;
                    return record();
                }
                boolean full = pageRows == pageSize;
                closePage();
                if (!full) {
                    if (!follow) {
                        ended = true; // the last row at the start is gone: nothing is left before it
                    } else {
                        pause();
                    }
                    return null;
                }
            }
            return null;
        } catch (SQLException | IllegalStateException e) {
            throw new PipelineException("cannot read " + describe + " after " + (position == null ? "its start"
                    : position.text()) + ": " + e.getMessage());
        }
    }

    private void openPage() throws SQLException {
        statement = query.prepare(connection, position);
        page = statement.executeQuery();
        if (fields.isEmpty()) {
            fields = fields(page.getMetaData());
        }
        cursorColumns = query.cursorColumns(page);
        pageRows = 0;
    }

    private SourceRecord record() throws SQLException {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = JdbcValues.read(page, i + 1, fields.get(i).type());
        }
        position = query.cursorOf(page, cursorColumns);
        if (!follow && position.equals(last)) {
            ended = true;
            closePage();
        }
        return SourceRecord.of(values, name + " at " + position.text());
    }

    private void pause() throws IOException {
        try {
            Thread.sleep(poll.toMillis()); // a stream's poll interval: nothing was there to read
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while following " + describe);
        }
    }

    private static List<Field> fields(ResultSetMetaData meta) throws SQLException {
        List<Field> fields = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            fields.add(new Field(meta.getColumnLabel(i), JdbcValues.type(meta, i),
                    meta.isNullable(i) != ResultSetMetaData.columnNoNulls));
        }
        return List.copyOf(fields);
    }

    private void closePage() throws SQLException {
        if (statement != null) {
            statement.close();
        }
        statement = null;
        page = null;
    }

    @Override
    public String position() {
        return position == null ? null : position.text();
    }

    @Override
    public boolean unbounded() {
        return follow;
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public void close() throws IOException {
        try {
            closePage();
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new PipelineException("cannot close " + describe + ": " + e.getMessage());
        }
    }
}
