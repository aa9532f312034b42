package io.unikernal.udm.schema;

import io.unikernal.udm.UdmMessage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a body written for an older version of a schema up to the schema: renames fields
 * ({@code renamedFrom} → name, keeping the member's position), fills absent fields with their default, and coerces
 * JSON numbers to the declared type (int → {@code Long}, double → {@code Double}, decimal → {@code BigDecimal}).
 * Values that cannot be coerced (a string in an int field, 2.5 in an int field) are left as they are for
 * {@link UdmSchemaValidator} to report. Undeclared members are kept unchanged. Run it before validating.
 */
public final class UdmMigrator {
    private UdmMigrator() {
    }

    /** Returns a new migrated body; {@code body} is not modified. */
    public static Map<String, Object> migrate(UdmSchema schema, Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(8, body.size() * 2));
        for (Map.Entry<String, Object> e : body.entrySet()) {
            String key = e.getKey();
            UdmField renamed = renamedTo(schema, key);
            if (renamed != null && !body.containsKey(renamed.name())) {
                key = renamed.name(); // the new name takes the old member's place
            }
            out.put(key, e.getValue());
        }
        for (UdmField f : schema.fields()) {
            Object v = out.get(f.name());
            if (v == null && f.defaultValue() != null && !out.containsKey(f.name())) {
                out.put(f.name(), f.defaultValue());
            } else if (v != null) {
                out.put(f.name(), coerce(f.type(), v));
            }
        }
        return out;
    }

    /**
     * Migrates a whole message: the body (when it is an object) and the schema name/version in the envelope.
     */
    public static UdmMessage migrate(UdmSchema schema, UdmMessage message) {
        Object body = message.body() instanceof Map<?, ?> ? migrate(schema, message.bodyAsMap()) : message.body();
        return message.toBuilder().body(body).schema(schema.name(), schema.version()).build();
    }

    private static UdmField renamedTo(UdmSchema schema, String oldName) {
        if (schema.fieldsByName().containsKey(oldName)) {
            return null;
        }
        for (UdmField f : schema.fields()) {
            if (oldName.equals(f.renamedFrom())) {
                return f;
            }
        }
        return null;
    }

    /** Coerces a number to the Java type of {@code type}; returns {@code value} unchanged when it cannot. */
    static Object coerce(FieldType type, Object value) {
        if (!(value instanceof Number n)) {
            return value;
        }
        switch (type) {
            case INT -> {
                BigDecimal d = toBigDecimal(n);
                if (d == null) {
                    return value;
                }
                try {
                    return d.longValueExact(); // 5.0 → 5, 5.5 and out-of-range values stay for the validator
                } catch (ArithmeticException e) {
                    return value;
                }
            }
            case DOUBLE -> {
                return n.doubleValue();
            }
            case DECIMAL -> {
                BigDecimal d = toBigDecimal(n);
                return d == null ? value : d;
            }
            default -> {
                return value;
            }
        }
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null; // 0.1 → 0.1, not 0.1000000000000000055…
    }

    /** True when {@code value} already has the Java type of {@code type}. */
    static boolean matches(FieldType type, Object value) {
        return switch (type) {
            case STRING, TIMESTAMP -> value instanceof String;
            case INT -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case DECIMAL -> value instanceof BigDecimal;
            case BOOLEAN -> value instanceof Boolean;
            case OBJECT -> value instanceof Map;
            case ARRAY -> value instanceof List;
            case ANY -> true;
        };
    }
}
