package io.unikernal.etl.schema;

import io.unikernal.etl.format.FieldTyper;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the values of one field say its type is: text values are tried as whole numbers, then decimals, booleans
 * ({@code true}/{@code false}), dates ({@code yyyy-MM-dd}) and timestamps (ISO-8601); the narrowest kind every value
 * fits wins. Typed values (Parquet, JSON numbers, xlsx cells) count as their type.
 */
public final class InferredField {

    /** The kinds a field can be inferred as, narrowest first among the numbers. */
    public enum Kind { INT, DECIMAL, DOUBLE, BOOLEAN, DATE, TIMESTAMP, STRING, OBJECT, ARRAY, ANY }

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Field field;
    private Kind kind;
    private long values;
    private long nulls;
    private int maxLength;
    private int maxScale;

    InferredField(Field field) {
        this.field = field;
    }

    void add(Object value) {
        if (value == null) {
            nulls++;
            return;
        }
        values++;
        Kind seen = kindOf(value);
        if (value instanceof String s) {
            maxLength = Math.max(maxLength, s.length());
        }
        if (value instanceof BigDecimal d) {
            maxScale = Math.max(maxScale, Math.max(d.scale(), 0));
        } else if (seen == Kind.DECIMAL && value instanceof String s) {
            maxScale = Math.max(maxScale, Math.max(new BigDecimal(s).scale(), 0));
        }
        kind = kind == null ? seen : widen(kind, seen);
    }

    private Kind kindOf(Object value) {
        if (value instanceof String text) {
            return field.type() == FieldType.STRING ? Kind.STRING : textKind(text.trim());
        }
        return switch (FieldTyper.typeOf(value)) {
            case LONG -> Kind.INT;
            case DECIMAL -> Kind.DECIMAL;
            case DOUBLE -> Kind.DOUBLE;
            case BOOLEAN -> Kind.BOOLEAN;
            case DATE -> Kind.DATE;
            case LOCAL_TIMESTAMP, TIMESTAMP -> Kind.TIMESTAMP;
            case JSON -> value instanceof Map<?, ?> ? Kind.OBJECT : Kind.ARRAY;
            case TEXT, STRING, BYTES -> Kind.STRING;
        };
    }

    static Kind textKind(String text) {
        if (INTEGER.matcher(text).matches()) {
            return Kind.INT;
        }
        if (DECIMAL.matcher(text).matches()) {
            return Kind.DECIMAL;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Kind.BOOLEAN;
        }
        if (DATE.matcher(text).matches() && parses(() -> LocalDate.parse(text))) {
            return Kind.DATE;
        }
        if (text.length() >= 16 && Character.isDigit(text.charAt(0)) && (parses(() -> OffsetDateTime.parse(text))
                || parses(() -> LocalDateTime.parse(text.replace(' ', 'T'))))) {
            return Kind.TIMESTAMP;
        }
        return Kind.STRING;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Kind widen(Kind a, Kind b) {
        if (a == b) {
            return a;
        }
        boolean numbers = a.ordinal() <= Kind.DOUBLE.ordinal() && b.ordinal() <= Kind.DOUBLE.ordinal();
        if (numbers) {
            return Kind.values()[Math.max(a.ordinal(), b.ordinal())];
        }
        if ((a == Kind.DATE && b == Kind.TIMESTAMP) || (a == Kind.TIMESTAMP && b == Kind.DATE)) {
            return Kind.TIMESTAMP;
        }
        boolean trees = a.ordinal() >= Kind.OBJECT.ordinal() || b.ordinal() >= Kind.OBJECT.ordinal();
        return trees ? Kind.ANY : Kind.STRING;
    }

    public String name() {
        return field.name();
    }

    /** The kind every value fits; text when the field had no value at all. */
    public Kind kind() {
        return kind == null ? Kind.STRING : kind;
    }

    /** True when every record had a value. */
    public boolean required() {
        return values > 0 && nulls == 0;
    }

    /** The longest text seen, in characters (text fields). */
    public int maxLength() {
        return maxLength;
    }

    /** The most decimals seen (decimal fields). */
    public int maxScale() {
        return maxScale;
    }

    public long values() {
        return values;
    }
}
