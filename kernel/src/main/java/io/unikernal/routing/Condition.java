package io.unikernal.routing;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One predicate of a rule. What a field's <em>text</em> and <em>number</em> are is defined in
 * {@code docs/rust-core.md}: a header's text is its value; a JSON string's text is its decoded
 * content; a JSON number, {@code true} or {@code false} has its token as text; null, objects and
 * arrays have no text. Only JSON numbers and headers spelled as a JSON number have a number. A
 * condition on a field without text (or number) is false.
 */
public final class Condition {
    public static final int MAX_VALUE_BYTES = 65_535;
    public static final int MAX_SET_SIZE = 65_535;

    private final ConditionKind kind;
    private final FieldRef field;
    private final String text;
    private final double min;
    private final double max;
    private final List<String> values;

    private Condition(ConditionKind kind, FieldRef field, String text, double min, double max, List<String> values) {
        this.kind = kind;
        this.field = Objects.requireNonNull(field, "field");
        this.text = text;
        this.min = min;
        this.max = max;
        this.values = values;
    }

    public static Condition equalTo(FieldRef field, String value) {
        return new Condition(ConditionKind.EQUALS, field, checkText(value), 0, 0, List.of());
    }

    public static Condition prefix(FieldRef field, String prefix) {
        return new Condition(ConditionKind.PREFIX, field, checkText(prefix), 0, 0, List.of());
    }

    public static Condition glob(FieldRef field, String pattern) {
        return new Condition(ConditionKind.GLOB, field, checkText(pattern), 0, 0, List.of());
    }

    public static Condition between(FieldRef field, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("range bounds must be finite, got [" + min + ", " + max + "]");
        }
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " is greater than max " + max);
        }
        return new Condition(ConditionKind.RANGE, field, null, min, max, List.of());
    }

    public static Condition in(FieldRef field, Collection<String> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty() || values.size() > MAX_SET_SIZE) {
            throw new IllegalArgumentException("set must have 1.." + MAX_SET_SIZE + " values, got " + values.size());
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String v : values) {
            sorted.add(checkText(v));
        }
        return new Condition(ConditionKind.IN, field, null, 0, 0, List.copyOf(sorted));
    }

    private static String checkText(String value) {
        Objects.requireNonNull(value, "value");
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value '" + abbreviate(value) + "' is longer than " + MAX_VALUE_BYTES + " bytes");
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    public ConditionKind kind() {
        return kind;
    }

    public FieldRef field() {
        return field;
    }

    /** The value of EQUALS, PREFIX and GLOB; null otherwise. */
    public String text() {
        return text;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** The distinct, sorted values of IN; empty otherwise. */
    public List<String> values() {
        return values;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EQUALS -> field + " == " + quote(text);
            case PREFIX -> field + " startsWith " + quote(text);
            case GLOB -> field + " glob " + quote(text);
            case RANGE -> field + " in " + min + ".." + max;
            case IN -> field + " in {" + String.join(", ", values.stream().map(Condition::quote).toList()) + "}";
        };
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
