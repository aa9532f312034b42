package io.unikernal.expr;

import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * A plain-Java predicate for {@code field op literal} and {@code literal op field} ({@code op} one of
 * {@code == != < <= > >=}, literal an int, double, string or bool), with exactly the semantics of the CEL
 * environment of {@link CelEnvironment}: numbers compare across int and double, {@code ==} between different
 * kinds is false, ordering between different kinds is an error, a missing field is an error.
 */
final class FastPathPredicate implements Predicate {
    enum Op {
        EQ("_==_"), NE("_!=_"), LT("_<_"), LE("_<=_"), GT("_>_"), GE("_>=_");

        final String function;

        Op(String function) {
            this.function = function;
        }

        /** The operator with its operands swapped: {@code 5 < x} is {@code x > 5}. */
        Op flip() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }
    }

    private final String source;
    private final String field;
    private final Op op;
    private final Object literal;

    private FastPathPredicate(String source, String field, Op op, Object literal) {
        this.source = source;
        this.field = field;
        this.op = op;
        this.literal = literal;
    }

    /** A fast path for {@code source} when it has the simple shape, else empty. */
    static Optional<FastPathPredicate> tryCreate(String source) {
        CelValidationResult parsed = CelEnvironment.base().parse(source);
        if (parsed.hasError()) {
            return Optional.empty();
        }
        CelExpr root;
        try {
            root = parsed.getAst().getExpr();
        } catch (dev.cel.common.CelValidationException e) {
            return Optional.empty();
        }
        if (root.getKind() != CelExpr.ExprKind.Kind.CALL || root.call().target().isPresent()
                || root.call().args().size() != 2) {
            return Optional.empty();
        }
        Op op = null;
        for (Op o : Op.values()) {
            if (o.function.equals(root.call().function())) {
                op = o;
            }
        }
        if (op == null) {
            return Optional.empty();
        }
        CelExpr left = root.call().args().get(0);
        CelExpr right = root.call().args().get(1);
        if (isField(left) && literal(right) != null) {
            return Optional.of(new FastPathPredicate(source, left.ident().name(), op, literal(right)));
        }
        if (isField(right) && literal(left) != null) {
            return Optional.of(new FastPathPredicate(source, right.ident().name(), op.flip(), literal(left)));
        }
        return Optional.empty();
    }

    private static boolean isField(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT && !CelEnvironment.HEADERS.equals(e.ident().name())
                && !CelEnvironment.BODY.equals(e.ident().name());
    }

    private static Object literal(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            return null;
        }
        CelConstant c = e.constant();
        return switch (c.getKind()) {
            case INT64_VALUE -> c.int64Value();
            case DOUBLE_VALUE -> c.doubleValue();
            case STRING_VALUE -> c.stringValue();
            case BOOLEAN_VALUE -> c.booleanValue();
            default -> null;
        };
    }

    @Override
    public boolean matches(Exchange exchange) {
        return test(exchange.getMessage().getBody());
    }

    /** Evaluates against a message body. */
    boolean test(Object body) {
        if (!(body instanceof Map<?, ?> fields) || !fields.containsKey(field)) {
            throw CelExpressionException.missingField(source, field);
        }
        Object value = CelValues.toCel(fields.get(field));
        return switch (op) {
            case EQ -> equal(value, literal);
            case NE -> !equal(value, literal);
            case LT -> compare(value) < 0;
            case LE -> compare(value) <= 0;
            case GT -> compare(value) > 0;
            case GE -> compare(value) >= 0;
        };
    }

    /** Compares value with the literal; NaN compares as unordered (every test false), like CEL's double overloads. */
    private int compare(Object value) {
        if (value instanceof Long a && literal instanceof Long b) {
            return Long.compare(a, b);
        }
        if (value instanceof Double a && literal instanceof Double b) {
            return a < b ? -1 : a > b ? 1 : a.doubleValue() == b.doubleValue() ? 0 : unordered();
        }
        if (value instanceof Long a && literal instanceof Double b) {
            return compareIntDouble(a, b);
        }
        if (value instanceof Double a && literal instanceof Long b) {
            return -compareIntDouble(b, a);
        }
        if (value instanceof String a && literal instanceof String b) {
            return a.compareTo(b);
        }
        if (value instanceof Boolean a && literal instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        throw new CelExpressionException(CelExpressionException.Code.EVALUATION_FAILED, source, null,
                "No matching overload for function '" + op.function + "' on " + kind(value) + " and " + kind(literal), null);
    }

    private int unordered() {
        // NaN: CEL's double comparisons are all false; map it to a value for which the requested op is false
        return switch (op) {
            case LT, LE -> 1;
            default -> -1;
        };
    }

    private static boolean equal(Object value, Object literal) {
        if (value instanceof Long a && literal instanceof Double b) {
            return !b.isNaN() && compareIntDouble(a, b) == 0;
        }
        if (value instanceof Double a && literal instanceof Long b) {
            return !a.isNaN() && compareIntDouble(b, a) == 0;
        }
        return literal.equals(value); // cel-java compares two doubles with Double.equals: -0.0 != 0.0
    }

    /**
     * Orders an int and a double the way cel-java's {@code ComparisonFunctions.compareIntDouble} does: doubles
     * outside the long range compare by sign, others through {@code Double.compare}.
     */
    static int compareIntDouble(long a, double b) {
        if (b < -9.223372036854776E18) {
            return 1;
        }
        if (b > 9.223372036854776E18) {
            return -1;
        }
        return Double.compare((double) a, b);
    }

    private static String kind(Object v) {
        return v instanceof Long ? "int" : v instanceof Double ? "double" : v instanceof String ? "string"
                : v instanceof Boolean ? "bool" : v instanceof Map ? "map" : v instanceof java.util.List ? "list" : "null_type";
    }

    String field() {
        return field;
    }

    @Override
    public String toString() {
        return "cel-fast{" + source + "}";
    }
}
