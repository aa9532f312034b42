package io.unikernal.etl.postgres;

import io.unikernal.etl.spi.BadValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A target column and how a CSV field becomes its value: checked here, per row, so a bad value rejects its row with
 * a reason instead of failing the database's COPY for the whole batch, and written in a canonical text form the
 * database cannot read differently. Nothing is rounded, trimmed or cut: a value that does not fit is rejected.
 */
public record Column(String name, String type, int precision, int scale, boolean nullable) {

    /** The PostgreSQL types a pipeline loads (pg_type names as JDBC reports them). */
    public static final Set<String> TYPES = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "bool",
            "text", "varchar", "bpchar", "date", "timestamp", "timestamptz", "uuid");

    private static final Set<String> TEXT = Set.of("text", "varchar", "bpchar");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]?Infinity");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final DateTimeFormatter LOCAL_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(LOCAL_TIMESTAMP).appendOffset("+HH:MM:ss", "Z").toFormatter(Locale.ROOT);

    /**
     * Any value a source hands out as the database's canonical text: text ({@code TEXT} fields) is converted by the
     * column's type; a typed value is written as text first ({@code BigDecimal} plainly, a JSON tree as JSON) and
     * then checked the same way, so nothing is rounded or cut here either.
     */
    public String convertValue(Object value) throws BadValue {
        if (value == null || value instanceof String) {
            return convert((String) value);
        }
        return convert(text(value));
    }

    private String text(Object value) throws BadValue {
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // an integral double (3.0) fits an integer column; others keep every digit Java prints
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                    : value.toString();
        }
        if (value instanceof byte[]) {
            throw new BadValue("column " + name + " (" + type + ") cannot hold bytes");
        }
        if (value instanceof java.util.Map<?, ?> || value instanceof java.util.List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new BadValue("column " + name + ": the value is no JSON tree");
            }
        }
        return value.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    public boolean supported() {
        return TYPES.contains(type);
    }

    /**
     * The value as the database's canonical text, null for SQL NULL; a bad value throws with the reason. A field
     * that is absent (null: unquoted empty) is NULL; an empty text ({@code ""}) is the empty text in a text column
     * and NULL in any other.
     */
    public String convert(String field) throws BadValue {
        if (field != null && field.isEmpty() && TEXT.contains(type)) {
            return field;
        }
        if (field == null || field.isEmpty()) {
            if (!nullable) {
                throw new BadValue("column " + name + " may not be null and the field is empty");
            }
            return null;
        }
        return switch (type) {
            case "int2" -> integer(field, Short.MIN_VALUE, Short.MAX_VALUE);
            case "int4" -> integer(field, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "int8" -> integer(field, Long.MIN_VALUE, Long.MAX_VALUE);
            case "numeric" -> decimal(field);
            case "float4", "float8" -> {
                if (!FLOAT.matcher(field).matches()) {
                    throw bad(field, "a number");
                }
                double value = Double.parseDouble(field);
                boolean literal = Double.isNaN(value) || field.endsWith("Infinity");
                if (!literal && (Double.isInfinite(value) || type.equals("float4")
                        && Math.abs(value) > Float.MAX_VALUE)) {
                    throw new BadValue("column " + name + " (" + type + "): " + field + " is out of range");
                }
                yield field;
            }
            case "bool" -> bool(field);
            case "date" -> {
                try {
                    yield LocalDate.parse(field).toString();
                } catch (DateTimeParseException e) {
                    throw bad(field, "a date (yyyy-MM-dd)");
                }
            }
            case "timestamp" -> {
                try {
                    yield LocalDateTime.parse(field, LOCAL_TIMESTAMP).toString();
                } catch (DateTimeParseException e) {
                    throw bad(field, "a timestamp (yyyy-MM-dd HH:mm:ss[.fff])");
                }
            }
            case "timestamptz" -> {
                try {
                    yield OffsetDateTime.parse(field, OFFSET_TIMESTAMP).toString();
                } catch (DateTimeParseException e) {
                    throw bad(field, "a timestamp with an offset (yyyy-MM-dd HH:mm:ss+01:00 or ...Z)");
                }
            }
            case "uuid" -> {
                if (!UUID.matcher(field).matches()) {
                    throw bad(field, "a UUID");
                }
                yield field;
            }
            default -> text(field);
        };
    }

    private String integer(String field, long min, long max) throws BadValue {
        long value;
        try {
            value = Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw bad(field, "an integer" + (type.equals("int8") ? " of 64 bits" : ""));
        }
        if (value < min || value > max) {
            throw new BadValue("column " + name + " (" + type + ") holds " + min + ".." + max + ", not " + field);
        }
        return Long.toString(value);
    }

    private String decimal(String field) throws BadValue {
        if (!DECIMAL.matcher(field).matches() || field.length() > 1000) {
            throw bad(field, "a decimal number");
        }
        BigDecimal value = new BigDecimal(field);
        // numeric without a declared precision (JDBC reports 0 or 131089 for it) takes any value
        if (precision > 0 && precision <= 1000) {
            if (value.stripTrailingZeros().scale() > scale) {
                throw new BadValue("column " + name + " is numeric(" + precision + "," + scale + "): " + field
                        + " has more than " + scale + " decimals (not rounded)");
            }
            if (value.precision() - value.scale() > precision - scale) {
                throw new BadValue("column " + name + " is numeric(" + precision + "," + scale + "): " + field
                        + " is too large");
            }
        }
        return value.toPlainString();
    }

    private String bool(String field) throws BadValue {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> "t";
            case "false", "f", "no", "n", "0" -> "f";
            default -> throw bad(field, "a boolean (true/false, t/f, yes/no, 1/0)");
        };
    }

    private String text(String field) throws BadValue {
        if (field.indexOf('\0') >= 0) {
            throw new BadValue("column " + name + ": PostgreSQL text cannot hold the character NUL");
        }
        // varchar(n)/char(n): n characters (code points); unbounded reports 0 or Integer.MAX_VALUE
        if (!type.equals("text") && precision > 0 && precision < Integer.MAX_VALUE
                && field.codePointCount(0, field.length()) > precision) {
            throw new BadValue("column " + name + " is " + type + "(" + precision + "): the value has "
                    + field.codePointCount(0, field.length()) + " characters (not cut)");
        }
        return field;
    }

    private BadValue bad(String field, String expected) {
        String shown = field.length() > 40 ? field.substring(0, 40) + "..." : field;
        return new BadValue("column " + name + " (" + type + ") expects " + expected + ", not '" + shown + "'");
    }
}
