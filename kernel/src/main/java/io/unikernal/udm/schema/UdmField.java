package io.unikernal.udm.schema;

import io.unikernal.udm.UdmValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One field of a {@link UdmSchema}. Immutable; build with {@link #builder(String, FieldType)}. Every builder
 * setter validates its value at once and quotes a bad one.
 *
 * @param name        field name (a top-level member of the body)
 * @param type        its type
 * @param required    the field must be present and non-null
 * @param min         inclusive lower bound for numeric fields, or null
 * @param max         inclusive upper bound for numeric fields, or null
 * @param pattern     regular expression a string field must match somewhere (JSON Schema semantics), or null
 * @param enumValues  allowed values, empty for any
 * @param renamedFrom the field's name in older schema versions (migrated by {@link UdmMigrator}), or null
 * @param defaultValue value set by {@link UdmMigrator} when the field is absent, or null
 * @param description free text for docs, or null
 */
public record UdmField(String name, FieldType type, boolean required, BigDecimal min, BigDecimal max, String pattern,
        List<Object> enumValues, String renamedFrom, Object defaultValue, String description) {

    /** Starts a field; name must be non-blank. */
    public static Builder builder(String name, FieldType type) {
        return new Builder(name, type);
    }

    /** Builder for {@link UdmField}. */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private boolean required;
        private BigDecimal min;
        private BigDecimal max;
        private String pattern;
        private final List<Object> enumValues = new ArrayList<>();
        private String renamedFrom;
        private Object defaultValue;
        private String description;

        private Builder(String name, FieldType type) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("field name must be non-blank, was '" + name + "'");
            }
            this.name = name;
            this.type = Objects.requireNonNull(type, "type of field '" + name + "'");
        }

        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /** Inclusive minimum; only for int, double and decimal fields. */
        public Builder min(BigDecimal min) {
            requireNumeric("min", min);
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw new IllegalArgumentException("field '" + name + "': min " + min + " is greater than max " + max);
            }
            this.min = min;
            return this;
        }

        /** Inclusive maximum; only for int, double and decimal fields. */
        public Builder max(BigDecimal max) {
            requireNumeric("max", max);
            if (max != null && min != null && min.compareTo(max) > 0) {
                throw new IllegalArgumentException("field '" + name + "': max " + max + " is less than min " + min);
            }
            this.max = max;
            return this;
        }

        /** A regular expression (searched, not anchored — add ^…$ for a full match); only for string fields. */
        public Builder pattern(String pattern) {
            if (pattern != null) {
                if (type != FieldType.STRING) {
                    throw new IllegalArgumentException("field '" + name + "': pattern applies to string fields, not " + type.udlName());
                }
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("field '" + name + "': pattern '" + pattern + "' is not a regular expression: "
                            + e.getDescription(), e);
                }
            }
            this.pattern = pattern;
            return this;
        }

        /** Allowed values (UDM values; numbers as Long/Double/BigDecimal). */
        public Builder enumValues(List<?> values) {
            this.enumValues.clear();
            if (values != null) {
                for (Object v : values) {
                    this.enumValues.add(UdmValues.normalize(v));
                }
            }
            return this;
        }

        public Builder renamedFrom(String renamedFrom) {
            if (renamedFrom != null && (renamedFrom.isBlank() || renamedFrom.equals(name))) {
                throw new IllegalArgumentException("field '" + name + "': renamedFrom must be another non-blank name, was '"
                        + renamedFrom + "'");
            }
            this.renamedFrom = renamedFrom;
            return this;
        }

        /** Value used when the field is absent; coerced to the field type (e.g. 5 → 5 as decimal). */
        public Builder defaultValue(Object defaultValue) {
            Object v = UdmValues.normalize(defaultValue);
            Object coerced = UdmMigrator.coerce(type, v);
            if (coerced != null && !UdmMigrator.matches(type, coerced)) {
                throw new IllegalArgumentException("field '" + name + "': default " + defaultValue + " is not a "
                        + type.udlName());
            }
            this.defaultValue = coerced;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public UdmField build() {
            return new UdmField(name, type, required, min, max, pattern,
                    Collections.unmodifiableList(new ArrayList<>(enumValues)), renamedFrom, defaultValue, description);
        }

        private void requireNumeric(String what, BigDecimal value) {
            if (value != null && !type.isNumeric()) {
                throw new IllegalArgumentException("field '" + name + "': " + what + " applies to int, double and decimal fields, not "
                        + type.udlName() + " (was " + value.toPlainString() + ")");
            }
        }
    }
}
