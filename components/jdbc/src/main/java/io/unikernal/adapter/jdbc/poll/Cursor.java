package io.unikernal.adapter.jdbc.poll;

import io.unikernal.runtime.StrictJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a polled table has been read up to: the cursor column's value of the last finished row, and the cursor key's
 * when one orders rows of equal cursor values. Kept as text in a {@code CheckpointStore}: a JSON array of tagged
 * values ({@code ["long:42"]}, {@code ["ts:2026-12-03T10:00:00.5", "long:7"]}), so it is bound back with the JDBC
 * type it was read with (PostgreSQL compares no timestamp with a text parameter).
 */
public record Cursor(List<Object> values) {

    public Cursor {
        values = List.copyOf(values);
    }

    /** The value as a cursor keeps it: a whole number, a decimal, a double, a date, a timestamp or text. */
    static Object typed(Object jdbc, String column) {
        if (jdbc instanceof Integer || jdbc instanceof Long || jdbc instanceof Short || jdbc instanceof Byte) {
            return ((Number) jdbc).longValue();
        }
        if (jdbc instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (jdbc instanceof BigDecimal || jdbc instanceof Double || jdbc instanceof String
                || jdbc instanceof LocalDateTime || jdbc instanceof OffsetDateTime || jdbc instanceof LocalDate) {
            return jdbc;
        }
        if (jdbc instanceof Float f) {
            return f.doubleValue();
        }
        if (jdbc instanceof Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (jdbc instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (jdbc == null) {
            throw new IllegalStateException("column " + column + " is NULL in a row read by its cursor");
        }
        throw new IllegalStateException("column " + column + " holds " + jdbc.getClass().getSimpleName()
                + " values, which cannot order a cursor: use a number, a timestamp, a date or text");
    }

    /** The text a checkpoint keeps. */
    public String text() {
        List<String> tagged = new ArrayList<>(values.size());
        for (Object value : values) {
            tagged.add(tag(value) + ":" + value);
        }
        return StrictJson.write(tagged);
    }

    /**
     * The position of a source that began on an empty table with {@code startAt: end}: nothing was there to skip, so
     * it reads from the first row, and a later start no longer starts at the end.
     */
    public static final String FROM_FIRST_ROW = "[]";

    /**
     * The cursor a checkpoint kept, null for {@link #FROM_FIRST_ROW}; a text this class did not write is refused with
     * what it holds.
     */
    public static Cursor parse(String text) {
        if (FROM_FIRST_ROW.equals(text)) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        Object parsed;
        try {
            parsed = StrictJson.read(text, Object.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the saved cursor is not one this source wrote: " + text, e);
        }
        if (!(parsed instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalStateException("the saved cursor is not one this source wrote: " + text);
        }
        for (Object item : list) {
            String tagged = String.valueOf(item);
            int colon = tagged.indexOf(':');
            String value = colon < 0 ? "" : tagged.substring(colon + 1);
            values.add(switch (colon < 0 ? "" : tagged.substring(0, colon)) {
                case "long" -> Long.valueOf(value);
                case "decimal" -> new BigDecimal(value);
                case "double" -> Double.valueOf(value);
                case "date" -> LocalDate.parse(value);
                case "ts" -> LocalDateTime.parse(value);
                case "tstz" -> OffsetDateTime.parse(value);
                case "text" -> value;
                default -> throw new IllegalStateException("the saved cursor is not one this source wrote: " + text);
            });
        }
        return new Cursor(values);
    }

    /** Binds value {@code i} as parameter {@code index}. */
    void bind(PreparedStatement statement, int index, int i) throws SQLException {
        Object value = values.get(i);
        if (value instanceof LocalDateTime ts) {
            statement.setTimestamp(index, Timestamp.valueOf(ts));
        } else if (value instanceof LocalDate date) {
            statement.setDate(index, java.sql.Date.valueOf(date));
        } else {
            statement.setObject(index, value);
        }
    }

    private static String tag(Object value) {
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof LocalDate) {
            return "date";
        }
        if (value instanceof LocalDateTime) {
            return "ts";
        }
        if (value instanceof OffsetDateTime) {
            return "tstz";
        }
        return "text";
    }
}
