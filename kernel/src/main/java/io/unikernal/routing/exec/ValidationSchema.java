package io.unikernal.routing.exec;

import io.unikernal.routing.FieldRef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The executor's small schema: for each body field a type, whether it is required, numeric bounds
 * and a maximum string length (decoded UTF-8 bytes). It is deliberately smaller than the UDM schema
 * model; the UDM compiler can lower a UDM schema into it.
 *
 * <p>Validation result per message: {@code 0} valid, {@code -2} body not a JSON object, otherwise
 * {@code (fieldIndex + 1) * 8 + reason} for the first failing field, reason one of
 * {@link #MISSING}, {@link #WRONG_TYPE}, {@link #BELOW_MIN}, {@link #ABOVE_MAX}, {@link #TOO_LONG}.
 * A present {@code null} counts as missing unless the type is NULL or ANY.
 */
public final class ValidationSchema {
    public static final int VALID = 0;
    public static final int MALFORMED = -2;
    public static final int MISSING = 1;
    public static final int WRONG_TYPE = 2;
    public static final int BELOW_MIN = 3;
    public static final int ABOVE_MAX = 4;
    public static final int TOO_LONG = 5;

    /** One field's constraints. */
    public record Field(FieldRef path, ValueType type, boolean required, double min, double max, int maxLength) {
    }

    private final List<Field> fields;

    private ValidationSchema(List<Field> fields) {
        this.fields = fields;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Field> fields() {
        return fields;
    }

    /** Wire form for the native executor (little-endian): u32 n, per field u32 segs, (u32 len, utf8)*, u8 type, u8 required, f64 min, f64 max, i32 maxLength. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer s = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        out.write(s.putInt(0, fields.size()).array(), 0, 4);
        for (Field f : fields) {
            out.write(s.putInt(0, f.path().path().size()).array(), 0, 4);
            for (String seg : f.path().path()) {
                byte[] b = seg.getBytes(StandardCharsets.UTF_8);
                out.write(s.putInt(0, b.length).array(), 0, 4);
                out.write(b, 0, b.length);
            }
            out.write(f.type().ordinal());
            out.write(f.required() ? 1 : 0);
            out.write(s.putDouble(0, f.min()).array(), 0, 8);
            out.write(s.putDouble(0, f.max()).array(), 0, 8);
            out.write(s.putInt(0, f.maxLength()).array(), 0, 4);
        }
        return out.toByteArray();
    }

    /** Validates each value as it is set; the message quotes the bad value. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();
        private final Set<FieldRef> seen = new HashSet<>();

        public Builder field(String bodyPath, ValueType type, boolean required) {
            return field(bodyPath, type, required, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1);
        }

        public Builder field(String bodyPath, ValueType type, boolean required, double min, double max, int maxLength) {
            FieldRef path = FieldRef.body(bodyPath);
            Objects.requireNonNull(type, "type");
            if (!seen.add(path)) {
                throw new IllegalArgumentException("field '" + bodyPath + "' is declared twice");
            }
            if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
                throw new IllegalArgumentException("bounds [" + min + ", " + max + "] of field '" + bodyPath + "' are not a range");
            }
            if (maxLength < -1) {
                throw new IllegalArgumentException("maxLength " + maxLength + " of field '" + bodyPath + "' must be -1 (none) or >= 0");
            }
            if (fields.size() == 64) {
                throw new IllegalArgumentException("a schema has at most 64 fields; '" + bodyPath + "' is one too many");
            }
            fields.add(new Field(path, type, required, min, max, maxLength));
            return this;
        }

        public ValidationSchema build() {
            return new ValidationSchema(List.copyOf(fields));
        }
    }
}
