package io.unikernal.udl.spec;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one UDL key: its kind, whether it is required, its default, a description and an example. The
 * parser checks values with it, the JSON Schema and the reference doc are generated from it. Immutable; build with
 * {@link #of(String, ValueKind)}.
 */
public final class OptionSpec {

    private final String name;
    private final ValueKind kind;
    private final boolean required;
    private final Object defaultValue;
    private final String description;
    private final String example;
    private final List<String> allowed;
    private final boolean secretAllowed;

    private OptionSpec(String name, ValueKind kind, boolean required, Object defaultValue, String description,
            String example, List<String> allowed, boolean secretAllowed) {
        this.name = name;
        this.kind = kind;
        this.required = required;
        this.defaultValue = defaultValue;
        this.description = description;
        this.example = example;
        this.allowed = allowed;
        this.secretAllowed = secretAllowed;
    }

    public static OptionSpec of(String name, ValueKind kind) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("option name must not be blank, was '" + name + "'");
        }
        return new OptionSpec(name, Objects.requireNonNull(kind, "kind"), false, null, "", null, List.of(), false);
    }

    public OptionSpec required() {
        return new OptionSpec(name, kind, true, defaultValue, description, example, allowed, secretAllowed);
    }

    public OptionSpec defaultValue(Object value) {
        return new OptionSpec(name, kind, required, value, description, example, allowed, secretAllowed);
    }

    public OptionSpec description(String text) {
        return new OptionSpec(name, kind, required, defaultValue, text, example, allowed, secretAllowed);
    }

    public OptionSpec example(String text) {
        return new OptionSpec(name, kind, required, defaultValue, description, text, allowed, secretAllowed);
    }

    /** Restricts a STRING option to these values. */
    public OptionSpec allowed(String... values) {
        return new OptionSpec(name, kind, required, defaultValue, description, example, List.of(values), secretAllowed);
    }

    /** Marks an option that may (and should) hold a {@code ${secret:NAME}} reference, e.g. a password. */
    public OptionSpec secret() {
        return new OptionSpec(name, kind, required, defaultValue, description, example, allowed, true);
    }

    public String name() { return name; }
    public ValueKind kind() { return kind; }
    public boolean isRequired() { return required; }
    public Object defaultValue() { return defaultValue; }
    public String description() { return description; }
    public String example() { return example; }
    public List<String> allowedValues() { return allowed; }
    public boolean isSecret() { return secretAllowed; }
}
