package io.unikernal.udl.spec;

import io.unikernal.udl.error.UdlErrorCode;
import java.util.List;

/**
 * The declaration of one fixed key of a UDL map: its shape, whether it is required, its default, a description and
 * an example, whether it holds a secret, which keys of the same map it needs or excludes, or — for a feature not
 * built yet — the hint shown instead of accepting it. {@link Option} is its typed accessor.
 */
public record UdlKey(String name, Shape shape, boolean required, Object defaultValue, String description,
        String example, String notYetHint, UdlErrorCode missingCode, boolean secret, List<String> requires,
        List<String> excludes) {

    public UdlKey {
        requires = List.copyOf(requires);
        excludes = List.copyOf(excludes);
    }

    public static UdlKey of(String name, Shape shape, String description, String example) {
        return new UdlKey(name, shape, false, null, description, example, null, UdlErrorCode.MISSING_KEY, false,
                List.of(), List.of());
    }

    public static UdlKey of(String name, ValueKind kind, String description, String example) {
        return of(name, Shape.Value.of(kind), description, example);
    }

    /** A key the parser knows but rejects with NOT_SUPPORTED_YET and {@code hint}. */
    public static UdlKey notYet(String name, String description, String example, String hint) {
        return new UdlKey(name, Shape.Value.of(ValueKind.ANY), false, null, description, example, hint,
                UdlErrorCode.MISSING_KEY, false, List.of(), List.of());
    }

    public UdlKey asRequired() {
        return asRequired(missingCode);
    }

    public UdlKey asRequired(UdlErrorCode code) {
        return new UdlKey(name, shape, true, defaultValue, description, example, notYetHint, code, secret, requires,
                excludes);
    }

    public UdlKey defaultValue(Object value) {
        return new UdlKey(name, shape, required, value, description, example, notYetHint, missingCode, secret,
                requires, excludes);
    }

    public UdlKey withShape(Shape newShape) {
        return new UdlKey(name, newShape, required, defaultValue, description, example, notYetHint, missingCode,
                secret, requires, excludes);
    }

    public UdlKey withDescription(String text) {
        return new UdlKey(name, shape, required, defaultValue, text, example, notYetHint, missingCode, secret,
                requires, excludes);
    }

    public UdlKey withExample(String text) {
        return new UdlKey(name, shape, required, defaultValue, description, text, notYetHint, missingCode, secret,
                requires, excludes);
    }

    public UdlKey asSecret() {
        return new UdlKey(name, shape, required, defaultValue, description, example, notYetHint, missingCode, true,
                requires, excludes);
    }

    public UdlKey withRequires(List<String> keys) {
        return new UdlKey(name, shape, required, defaultValue, description, example, notYetHint, missingCode, secret,
                keys, excludes);
    }

    public UdlKey withExcludes(List<String> keys) {
        return new UdlKey(name, shape, required, defaultValue, description, example, notYetHint, missingCode, secret,
                requires, keys);
    }

    public boolean isNotSupportedYet() {
        return notYetHint != null;
    }

    /** The value kind of a scalar key; ANY for a structured one. */
    public ValueKind kind() {
        return shape instanceof Shape.Value v ? v.kind() : ValueKind.ANY;
    }
}
