package io.unikernal.routing;

/** The predicate kinds a rule can test; the ordinal is the wire code shared with the native engine. */
public enum ConditionKind {
    /** The field's text equals a value. */
    EQUALS,
    /** The field's text starts with a value. */
    PREFIX,
    /** The field's text matches a glob: {@code *} any run of characters, {@code ?} one character. */
    GLOB,
    /** The field's number lies in {@code [min, max]} (inclusive). */
    RANGE,
    /** The field's text is one of a set of values. */
    IN
}
