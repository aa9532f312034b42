package io.unikernal.udl.spec;

import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.notation.Durations;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed view of one UDL key: the declaration ({@link #key()}: shape, range, pattern, allowed values, default,
 * secret-ness, {@code requires}/{@code excludes}) that the parser checks, the JSON Schema and the reference doc show,
 * and the accessor that reads the key's value (or its default) as a {@code T} — so a key's name and default are
 * written once, here, and nowhere else. Immutable; start with {@link #string}, {@link #integer}, {@link #duration}...
 */
public final class Option<T> {

    private final UdlKey key;
    private final Class<T> type;
    private final Function<Object, T> convert;

    private Option(UdlKey key, Class<T> type, Function<Object, T> convert) {
        this.key = key;
        this.type = type;
        this.convert = convert;
    }

    public static Option<String> string(String name) {
        return new Option<>(base(name, ValueKind.STRING), String.class, String::valueOf);
    }

    public static Option<Integer> integer(String name) {
        return new Option<>(base(name, ValueKind.INTEGER), Integer.class, v -> Math.toIntExact(asLong(name, v)));
    }

    public static Option<Long> longInteger(String name) {
        return new Option<>(base(name, ValueKind.INTEGER), Long.class, v -> asLong(name, v));
    }

    public static Option<Double> number(String name) {
        return new Option<>(base(name, ValueKind.NUMBER), Double.class, v -> v instanceof Number n ? n.doubleValue()
                : Double.parseDouble(String.valueOf(v)));
    }

    public static Option<Boolean> bool(String name) {
        return new Option<>(base(name, ValueKind.BOOLEAN), Boolean.class, v -> v instanceof Boolean b ? b
                : Boolean.parseBoolean(String.valueOf(v)));
    }

    public static Option<Duration> duration(String name) {
        return new Option<>(base(name, ValueKind.DURATION), Duration.class, v -> v instanceof Duration d ? d
                : Durations.parse(String.valueOf(v)));
    }

    /** A key of another kind (a reference, an expression, a list): its value as the parser produced it. */
    public static Option<Object> of(String name, ValueKind kind) {
        return new Option<>(base(name, kind), Object.class, v -> v);
    }

    private static UdlKey base(String name, ValueKind kind) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("option name must not be blank, was '" + name + "'");
        }
        return UdlKey.of(name, Shape.Value.of(Objects.requireNonNull(kind, "kind")), "", null);
    }

    private static long asLong(String name, Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("option '" + name + "' is not an integer: " + v, e);
        }
    }

    private Option<T> with(UdlKey newKey) {
        return new Option<>(newKey, type, convert);
    }

    private Shape.Value value() {
        return (Shape.Value) key.shape();
    }

    private Option<T> withValue(Shape.Value v) {
        return with(key.withShape(v));
    }

    public Option<T> description(String text) {
        return with(key.withDescription(text));
    }

    public Option<T> example(String text) {
        return with(key.withExample(text));
    }

    public Option<T> required() {
        return with(key.asRequired());
    }

    public Option<T> defaultValue(T value) {
        return with(key.defaultValue(value instanceof Duration d ? Durations.format(d) : value));
    }

    /** The default as UDL text (a duration as written, {@code 60s} rather than {@code 1m}). */
    public Option<T> defaultText(String text) {
        T parsed = convert.apply(text);
        if (parsed == null) {
            throw new IllegalArgumentException("default '" + text + "' of option '" + name() + "' does not parse");
        }
        Object asDeclared = type == String.class || type == Duration.class ? text
                : parsed instanceof Double d && d == Math.rint(d) && !text.contains(".") ? (Object) d.longValue() : parsed;
        return with(key.defaultValue(asDeclared));
    }

    /** Restricts the value to these (for a STRING option, reported as BAD_VALUE with a did-you-mean). */
    public Option<T> allowed(String... values) {
        return withValue(value().allowed(List.of(values), UdlErrorCode.BAD_VALUE));
    }

    /** Restricts an integer to {@code min..max}, inclusive. */
    public Option<T> range(long min, long max) {
        return withValue(value().range(min, max, UdlErrorCode.BAD_VALUE));
    }

    /**
     * Requires the whole text to match {@code regex}; {@code rule} says in words what it must look like (the hint).
     * A {@code ${env:...}} or {@code ${secret:...}} reference is not checked: its value is only known at run time.
     */
    public Option<T> pattern(String regex, String rule) {
        return withValue(value().pattern(regex, rule));
    }

    /** Marks an option that holds a secret: only a {@code ${secret:NAME}} or {@code ${env:NAME}} reference is accepted. */
    public Option<T> secret() {
        return with(key.asSecret());
    }

    /** The option only makes sense together with these options of the same map. */
    public Option<T> requires(String... options) {
        return with(key.withRequires(Arrays.asList(options)));
    }

    /** The option cannot be combined with these options of the same map. */
    public Option<T> excludes(String... options) {
        return with(key.withExcludes(Arrays.asList(options)));
    }

    public UdlKey key() {
        return key;
    }

    public String name() {
        return key.name();
    }

    public ValueKind kind() {
        return value().kind();
    }

    public Class<T> type() {
        return type;
    }

    /** The declared default, typed; null when there is none. */
    public T defaultValue() {
        return key.defaultValue() == null ? null : convert.apply(key.defaultValue());
    }

    /**
     * The value as written (converted to {@code T}), or the declared default when absent. A value that is a
     * {@code ${...}} reference has no typed value before run time: use {@link #text} (and the compile context) for it.
     */
    public T of(OptionValue value) {
        if (value == null || value.value() == null) {
            return defaultValue();
        }
        if (type != String.class && type != Object.class && value.value() instanceof String s
                && References.isWholeReference(s)) {
            throw new IllegalStateException("option '" + name() + "' is the reference " + s
                    + ", which only has a value at run time; read it as text");
        }
        return convert.apply(value.value());
    }

    /**
     * Leniently, the value the parser read ({@code raw}: a String, Long, Double, Boolean or collection) when it fits
     * the declaration (kind, range, allowed values, pattern), else the default. The shape check has already reported
     * a value that does not fit, so the model is built with the default and the other checks still run.
     */
    public T valueOrDefault(Object raw) {
        if (raw == null || !fits(raw)) {
            return defaultValue();
        }
        try {
            T value = convert.apply(raw);
            return value == null ? defaultValue() : value;
        } catch (RuntimeException e) {
            return defaultValue();
        }
    }

    private boolean fits(Object raw) {
        Shape.Value v = value();
        boolean kindFits = switch (v.kind()) {
            case INTEGER -> raw instanceof Long || raw instanceof Integer;
            case NUMBER -> raw instanceof Number;
            case BOOLEAN -> raw instanceof Boolean;
            case DURATION -> raw instanceof String text && Durations.parse(text) != null;
            case STRING, EXPRESSION, SYSTEM_REF, SCHEMA_REF, ROUTE_REF -> !(raw instanceof java.util.Collection)
                    && !(raw instanceof java.util.Map);
            default -> true;
        };
        if (!kindFits) {
            return false;
        }
        if (v.range() != null && raw instanceof Number n
                && (n.longValue() < v.range().min() || n.longValue() > v.range().max())) {
            return false;
        }
        if (!v.allowed().isEmpty() && !v.allowed().contains(String.valueOf(raw))) {
            return false;
        }
        return v.pattern() == null || v.pattern().accepts(String.valueOf(raw));
    }

    /** This option of a system: its value or its default. */
    public T of(SystemDecl system) {
        return of(system.option(name()));
    }

    /** This option of one use of a system (from, to). */
    public T of(EndpointRef use) {
        return of(use.option(name()));
    }

    /** The value as written, as text (a reference stays a reference), or the default's text; null when neither. */
    public String text(OptionValue value) {
        if (value != null && value.value() != null) {
            return value.asString();
        }
        return key.defaultValue() == null ? null : String.valueOf(key.defaultValue());
    }

    public String text(SystemDecl system) {
        return text(system.option(name()));
    }

    public String text(EndpointRef use) {
        return text(use.option(name()));
    }

    /** True when the system or use writes this option itself. */
    public boolean isSet(OptionValue value) {
        return value != null && value.value() != null;
    }

    @Override
    public String toString() {
        return "option " + name();
    }
}
