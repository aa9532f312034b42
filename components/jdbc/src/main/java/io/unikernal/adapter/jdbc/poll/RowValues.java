package io.unikernal.adapter.jdbc.poll;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row as a JSON object: column label to value. Numbers, booleans and text stay as they are; dates and times become
 * ISO-8601 text, binary values base64 text, anything else (arrays, PostgreSQL json and uuid values) its text.
 */
final class RowValues {

    private RowValues() {
    }

    static Map<String, Object> of(ResultSet row) throws SQLException {
        ResultSetMetaData meta = row.getMetaData();
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            body.put(meta.getColumnLabel(i), json(row.getObject(i)));
        }
        return body;
    }

    static Object json(Object value) throws SQLException {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Timestamp ts) {
            return ts.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime().toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Blob blob) {
            return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        return value.toString();
    }

    /** The index of {@code column} among the row's columns, by name as the database reports it (any case). */
    static int index(ResultSet row, String column) throws SQLException {
        ResultSetMetaData meta = row.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalStateException("the polled rows have no column " + column);
    }
}
