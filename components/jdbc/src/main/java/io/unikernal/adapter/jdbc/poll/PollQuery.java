package io.unikernal.adapter.jdbc.poll;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one statement a polled source runs: the rows after the cursor, in cursor order, at most a batch. Names are
 * checked as plain identifiers (never quoted: each database folds them its own way, as in the user's own SQL) and
 * the cursor's values are parameters; nothing of a row's content ever becomes SQL. A {@code query} is the user's
 * own SELECT, read as a derived table: {@code SELECT * FROM (query) unikernal_rows WHERE cursor > ? ...}.
 */
public final class PollQuery {

    private final String first;
    private final String last;
    private final String after;
    private final boolean keyed;
    private final String cursor;
    private final String key;

    public PollQuery(String table, String query, String cursor, String key, int batchSize) {
        String from;
        if (table != null && query == null) {
            from = check(JdbcPollEndpoint.TABLE, table, "table");
        } else if (query != null && table == null) {
            from = "(" + check(JdbcPollEndpoint.QUERY, query, "query").strip() + ") unikernal_rows";
        } else {
            throw new IllegalArgumentException("a polled source reads either a table or a query");
        }
        check(JdbcPollEndpoint.COLUMN, cursor, "cursor");
        if (key != null) {
            check(JdbcPollEndpoint.COLUMN, key, "cursorKey");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        this.keyed = key != null;
        this.cursor = cursor;
        this.key = key;
        String order = " ORDER BY " + cursor + (keyed ? ", " + key : "") + " LIMIT " + batchSize;
        this.first = "SELECT * FROM " + from + " WHERE " + cursor + " IS NOT NULL" + order;
        this.last = "SELECT * FROM " + from + " WHERE " + cursor + " IS NOT NULL ORDER BY " + cursor + " DESC"
                + (keyed ? ", " + key + " DESC" : "") + " LIMIT 1";
        this.after = "SELECT * FROM " + from + " WHERE " + (keyed
                ? "(" + cursor + " > ? OR (" + cursor + " = ? AND " + key + " > ?))" : cursor + " > ?") + order;
    }

    private static String check(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("the " + what + " of a polled source must be "
                    + ("query".equals(what) ? "one SELECT without ';', '?' or '}'" : "a plain SQL identifier") + ", not '"
                    + (value == null ? "" : value.length() > 60 ? value.substring(0, 60) + "…" : value) + "'");
        }
        return value;
    }

    /** The statement for the rows after {@code cursor} (null: from the first row), its parameters bound. */
    public PreparedStatement prepare(java.sql.Connection connection, Cursor cursor) throws SQLException {
        if (cursor == null) {
            return connection.prepareStatement(first);
        }
        if (cursor.values().size() != (keyed ? 2 : 1)) {
            throw new IllegalStateException("the saved cursor " + cursor.text() + " was written with"
                    + (keyed ? "out" : "") + " a cursorKey: name the checkpoint anew after changing cursorKey");
        }
        PreparedStatement statement = connection.prepareStatement(after);
        cursor.bind(statement, 1, 0);
        if (keyed) {
            cursor.bind(statement, 2, 0);
            cursor.bind(statement, 3, 1);
        }
        return statement;
    }

    /** The statement for the last row there is: where a source that starts at the end begins. */
    public PreparedStatement prepareLast(java.sql.Connection connection) throws SQLException {
        return connection.prepareStatement(last);
    }

    /** The indexes of the cursor column and the cursor key's (0: none) among the columns of {@code rows}. */
    public int[] cursorColumns(ResultSet rows) throws SQLException {
        return new int[] {RowValues.index(rows, cursor), keyed ? RowValues.index(rows, key) : 0};
    }

    /** The cursor of the row {@code row} stands on; {@code columns} from {@link #cursorColumns}. */
    public Cursor cursorOf(ResultSet row, int[] columns) throws SQLException {
        Object value = Cursor.typed(row.getObject(columns[0]), cursor);
        return new Cursor(columns[1] > 0 ? List.of(value, Cursor.typed(row.getObject(columns[1]), key))
                : List.of(value));
    }

    /** The statement after a cursor, for the docs and the logs. */
    String text() {
        return after;
    }
}
