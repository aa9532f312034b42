package io.unikernal.etl.format;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Types the fields of a format that does not declare them (JSON, xlsx) from the values of a bounded sample of its
 * first records, then makes every record's values fit those types: a whole number in a field of decimals becomes a
 * double, any scalar in a text field its text; what cannot fit rejects its record with the reason.
 */
public final class FieldTyper {

    /** How many records decide the types: what a reader holds ahead of the one it hands out. */
    public static final int SAMPLE = 1000;

    private final FieldType mixed;

    /** @param mixed the type of a field whose sample holds values of types that do not widen into one */
    public FieldTyper(FieldType mixed) {
        this.mixed = mixed;
    }

    /** The type of one value as read ({@code null} for null). */
    public static FieldType typeOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return FieldType.LONG;
        }
        if (value instanceof java.math.BigInteger) {
            return FieldType.DECIMAL;
        }
        if (value instanceof Double || value instanceof Float) {
            return FieldType.DOUBLE;
        }
        if (value instanceof BigDecimal) {
            return FieldType.DECIMAL;
        }
        if (value instanceof Boolean) {
            return FieldType.BOOLEAN;
        }
        if (value instanceof LocalDate) {
            return FieldType.DATE;
        }
        if (value instanceof LocalDateTime) {
            return FieldType.LOCAL_TIMESTAMP;
        }
        if (value instanceof Instant) {
            return FieldType.TIMESTAMP;
        }
        if (value instanceof byte[]) {
            return FieldType.BYTES;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return FieldType.JSON;
        }
        return FieldType.TEXT;
    }

    /** The one type both fit in, or {@code mixed}. */
    public FieldType widen(FieldType a, FieldType b) {
        if (a == null || a == b) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (isNumber(a) && isNumber(b)) {
            return a == FieldType.DOUBLE || b == FieldType.DOUBLE ? FieldType.DOUBLE : FieldType.DECIMAL;
        }
        if (isDateTime(a) && isDateTime(b)) {
            return FieldType.LOCAL_TIMESTAMP;
        }
        return mixed;
    }

    /** The fields named {@code names} typed by the sample's values (rows aligned with the names; shorter is null). */
    public List<Field> decide(List<String> names, List<Object[]> sample) {
        List<Field> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            FieldType type = null;
            boolean nullable = false;
            for (Object[] row : sample) {
                Object value = i < row.length ? row[i] : null;
                nullable |= value == null;
                type = widen(type, typeOf(value));
            }
            fields.add(new Field(names.get(i), type == null ? FieldType.TEXT : type, nullable || sample.isEmpty()));
        }
        return fields;
    }

    /** The values made to fit the fields' types; a value that cannot fit throws with the field named. */
    public static Object[] conform(List<Field> fields, Object[] values) throws BadValue {
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < out.length; i++) {
            Object value = i < values.length ? values[i] : null;
            out[i] = value == null ? null : fit(fields.get(i), value);
        }
        return out;
    }

    private static Object fit(Field field, Object value) throws BadValue {
        FieldType type = typeOf(value);
        if (type == field.type()) {
            return type == FieldType.LONG ? (Object) ((Number) value).longValue()
                    : value instanceof java.math.BigInteger b ? new BigDecimal(b) : value;
        }
        switch (field.type()) {
            case TEXT, STRING:
                if (type != FieldType.JSON && type != FieldType.BYTES) {
                    return ValueText.of(value);
                }
                break;
            case JSON:
                return type == FieldType.TEXT || type == FieldType.JSON || type == FieldType.BOOLEAN
                        || isNumber(type) ? value : ValueText.of(value);
            case DOUBLE:
                if (isNumber(type)) {
                    return ((Number) value).doubleValue();
                }
                break;
            case DECIMAL:
                if (type == FieldType.LONG) {
                    return new BigDecimal(value.toString());
                }
                break;
            case LOCAL_TIMESTAMP:
                if (type == FieldType.DATE) {
                    return ((LocalDate) value).atStartOfDay();
                }
                break;
            default:
                break;
        }
        throw new BadValue("field " + field.name() + " holds " + describe(type) + " here, "
                + describe(field.type()) + " in the first records");
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case TEXT, STRING -> "text";
            case LONG -> "a whole number";
            case DOUBLE, DECIMAL -> "a number";
            case BOOLEAN -> "a boolean";
            case DATE -> "a date";
            case LOCAL_TIMESTAMP, TIMESTAMP -> "a timestamp";
            case BYTES -> "bytes";
            case JSON -> "an object or array";
        };
    }

    private static boolean isNumber(FieldType t) {
        return t == FieldType.LONG || t == FieldType.DOUBLE || t == FieldType.DECIMAL;
    }

    private static boolean isDateTime(FieldType t) {
        return t == FieldType.DATE || t == FieldType.LOCAL_TIMESTAMP;
    }
}
