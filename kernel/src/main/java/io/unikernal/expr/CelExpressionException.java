package io.unikernal.expr;

/**
 * A CEL expression failed for one message. Thrown from a Camel {@code Predicate}/{@code Expression}, it fails the
 * exchange, so the route's error handler (retry, then dead-letter) takes the message; nothing crashes and nothing
 * is silently treated as {@code false}.
 */
public class CelExpressionException extends RuntimeException {
    /** What went wrong. */
    public enum Code {
        /** The expression does not parse or type-check. */
        INVALID_EXPRESSION,
        /** The expression names a field the message body does not have. */
        MISSING_FIELD,
        /** Evaluation failed, e.g. {@code amount > 'x'} on a number (no matching overload), division by zero. */
        EVALUATION_FAILED,
        /** A predicate ({@code filter}/{@code when}) produced something other than a bool. */
        NOT_A_BOOLEAN
    }

    private final Code code;
    private final String expression;
    private final String field;

    public CelExpressionException(Code code, String expression, String field, String message, Throwable cause) {
        super("cel '" + expression + "': " + message, cause);
        this.code = code;
        this.expression = expression;
        this.field = field;
    }

    static CelExpressionException missingField(String expression, String field) {
        return new CelExpressionException(Code.MISSING_FIELD, expression, field,
                "field '" + field + "' is missing from the message body", null);
    }

    public Code code() {
        return code;
    }

    /** The expression source. */
    public String expression() {
        return expression;
    }

    /** The missing field for {@link Code#MISSING_FIELD}, else null. */
    public String field() {
        return field;
    }
}
