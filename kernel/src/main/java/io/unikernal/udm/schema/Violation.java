package io.unikernal.udm.schema;

/**
 * One way a body breaks its schema.
 *
 * @param path    where, as a field path ({@code amount}, {@code items[2].sku}; empty for the body itself)
 * @param code    what kind of rule was broken
 * @param message human-readable, starting with the path, e.g. {@code amount: must be >= 0, was -5}
 */
public record Violation(String path, Code code, String message) {
    /** The rule a {@link Violation} breaks. */
    public enum Code {
        /** A required field is absent or null. */
        REQUIRED,
        /** The value has the wrong JSON type. */
        TYPE,
        /** Below {@code min}. */
        MINIMUM,
        /** Above {@code max}. */
        MAXIMUM,
        /** A string does not match {@code pattern}. */
        PATTERN,
        /** Not one of the {@code enum} values. */
        ENUM,
        /** A timestamp is not an ISO-8601 / RFC 3339 date-time. */
        FORMAT,
        /** The body is not a JSON object. */
        NOT_AN_OBJECT,
        /** Any other JSON Schema rule. */
        OTHER
    }

    @Override
    public String toString() {
        return message;
    }
}
