package io.unikernal.expr;

/**
 * A problem found by {@link CelExpressions#check} in an expression, for the UDL validator to report at
 * {@code file:line:col} (the expression's position plus {@link #offset()}).
 *
 * @param kind    what kind of problem
 * @param message human-readable, without position
 * @param offset  0-based character offset inside the expression source (0 when unknown)
 */
public record ExpressionProblem(Kind kind, String message, int offset) {
    /** The kind of an {@link ExpressionProblem}. */
    public enum Kind {
        /** The expression does not parse. */
        SYNTAX,
        /** Operand types do not fit (e.g. {@code amount > 'x'} on a decimal), or a predicate is not bool. */
        TYPE,
        /** An identifier is not a field of the schema (the message may carry a "did you mean" hint). */
        UNKNOWN_FIELD
    }
}
