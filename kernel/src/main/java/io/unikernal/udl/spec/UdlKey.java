package io.unikernal.udl.spec;

import io.unikernal.udl.error.UdlErrorCode;

/**
 * The declaration of one fixed key of a UDL map: its shape, whether it is required, its default, a description and
 * an example, or — for a feature not built yet — the hint shown instead of accepting it.
 */
public record UdlKey(String name, Shape shape, boolean required, Object defaultValue, String description,
        String example, String notYetHint, UdlErrorCode missingCode) {

    public static UdlKey of(String name, Shape shape, String description, String example) {
        return new UdlKey(name, shape, false, null, description, example, null, UdlErrorCode.MISSING_KEY);
    }

    public static UdlKey of(String name, ValueKind kind, String description, String example) {
        return of(name, Shape.Value.of(kind), description, example);
    }

    /** A key the parser knows but rejects with NOT_SUPPORTED_YET and {@code hint}. */
    public static UdlKey notYet(String name, String description, String example, String hint) {
        return new UdlKey(name, Shape.Value.of(ValueKind.ANY), false, null, description, example, hint,
                UdlErrorCode.MISSING_KEY);
    }

    public UdlKey asRequired() {
        return new UdlKey(name, shape, true, defaultValue, description, example, notYetHint, missingCode);
    }

    public UdlKey asRequired(UdlErrorCode code) {
        return new UdlKey(name, shape, true, defaultValue, description, example, notYetHint, code);
    }

    public UdlKey defaultValue(Object value) {
        return new UdlKey(name, shape, required, value, description, example, notYetHint, missingCode);
    }

    public boolean isNotSupportedYet() {
        return notYetHint != null;
    }

    /** An adapter's option declaration as a key. */
    public static UdlKey fromOption(OptionSpec option) {
        Shape.Value value = Shape.Value.of(option.kind());
        if (!option.allowedValues().isEmpty()) {
            value = value.allowed(option.allowedValues(), UdlErrorCode.BAD_VALUE);
        }
        return new UdlKey(option.name(), value, option.isRequired(), option.defaultValue(), option.description(),
                option.example(), null, UdlErrorCode.MISSING_KEY);
    }
}
