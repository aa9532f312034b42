package io.unikernal.udl.model;

/**
 * The value of an adapter option as written: a String, Long, Double, Boolean, List or Map (YAML scalars and
 * collections). Strings may hold {@code ${env:NAME:default}} and {@code ${secret:NAME}} references, which are kept
 * unresolved in the model so they never leak into compiled output.
 */
public record OptionValue(Object value, SourcePos pos) {
    public String asString() {
        return value == null ? null : String.valueOf(value);
    }
}
