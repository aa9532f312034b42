package io.unikernal.etl.transform;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform.Output;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code convert: {field: type}}: gives fields a type (text read from CSV becomes a number, a date, ...); a value that
 * is not one rejects its record with the reason. Nothing is rounded, trimmed or cut; null stays null.
 */
final class ConvertStep implements Step {

    /** The types {@code convert:} names, and what each becomes. */
    static final Map<String, FieldType> TYPES = types();

    private final String at;
    private final Map<String, String> conversions;
    private int[] indexes;
    private FieldType[] types;
    private String[] names;

    ConvertStep(String at, Map<String, String> conversions) {
        this.at = at;
        this.conversions = new LinkedHashMap<>(conversions);
    }

    private static Map<String, FieldType> types() {
        Map<String, FieldType> types = new LinkedHashMap<>();
        types.put("string", FieldType.STRING);
        types.put("long", FieldType.LONG);
        types.put("double", FieldType.DOUBLE);
        types.put("decimal", FieldType.DECIMAL);
        types.put("boolean", FieldType.BOOLEAN);
        types.put("date", FieldType.DATE);
        types.put("timestamp", FieldType.TIMESTAMP);
        types.put("local-timestamp", FieldType.LOCAL_TIMESTAMP);
        return types;
    }

    @Override
    public List<Field> open(List<Field> in) throws PipelineException {
        List<Field> out = new ArrayList<>(in);
        indexes = new int[conversions.size()];
        types = new FieldType[conversions.size()];
        names = new String[conversions.size()];
        int i = 0;
        for (Map.Entry<String, String> e : conversions.entrySet()) {
            int index = Step.require(in, e.getKey(), "convert at " + at);
            FieldType type = TYPES.get(e.getValue());
            out.set(index, new Field(e.getKey(), type, in.get(index).nullable()));
            names[i] = e.getKey();
            indexes[i] = index;
            types[i++] = type;
        }
        return List.copyOf(out);
    }

    @Override
    public void apply(Object[] values, Output out) throws BadValue {
        Object[] result = values.clone();
        for (int i = 0; i < indexes.length; i++) {
            result[indexes[i]] = convert(values[indexes[i]], types[i], names[i]);
        }
        out.accept(result);
    }

    /** The value as {@code type}'s Java class; {@code field} names it in the reason. */
    static Object convert(Object value, FieldType type, String field) throws BadValue {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        try {
            return switch (type) {
                case STRING, TEXT -> text;
                case LONG -> value instanceof Long ? value : value instanceof Integer i ? (Object) i.longValue()
                        : Long.parseLong(text);
                case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : Double.parseDouble(text);
                case DECIMAL -> value instanceof BigDecimal ? value : new BigDecimal(text);
                case BOOLEAN -> value instanceof Boolean ? value : bool(text);
                case DATE -> value instanceof LocalDate ? value : LocalDate.parse(text);
                case TIMESTAMP -> value instanceof Instant ? value : OffsetDateTime.parse(text.replace(' ', 'T'))
                        .toInstant();
                case LOCAL_TIMESTAMP -> value instanceof LocalDateTime ? value
                        : LocalDateTime.parse(text.replace(' ', 'T'));
                default -> value;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new BadValue("field " + field + ": '" + shown + "' is no " + name(type));
        }
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> true;
            case "false", "f", "no", "n", "0" -> false;
            default -> throw new NumberFormatException(text);
        };
    }

    private static String name(FieldType type) {
        return switch (type) {
            case LONG -> "integer (long)";
            case DOUBLE -> "number (double)";
            case DECIMAL -> "decimal number";
            case BOOLEAN -> "boolean (true/false, t/f, yes/no, 1/0)";
            case DATE -> "date (yyyy-MM-dd)";
            case TIMESTAMP -> "timestamp with an offset (yyyy-MM-ddTHH:mm:ss+01:00 or ...Z)";
            case LOCAL_TIMESTAMP -> "timestamp (yyyy-MM-ddTHH:mm:ss)";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }
}
