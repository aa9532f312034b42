package io.unikernal.expr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;

/**
 * Compiles CEL sources into Camel predicates and expressions, caching one compiled form per source string.
 * Variables are the top-level members of the exchange body (a Map), plus {@code headers} (the exchange headers)
 * and {@code body} (the whole body, unless the body has a member of that name). See {@code docs/udm.md#cel}.
 */
public final class CelPredicates {
    private static final Map<String, Predicate> PREDICATES = new ConcurrentHashMap<>();
    private static final Map<String, CelProgram> PROGRAMS = new ConcurrentHashMap<>();

    private CelPredicates() {
    }

    /**
     * A predicate for {@code source}: the plain-Java fast path for {@code field op literal} comparisons, else
     * compiled CEL. Evaluation throws {@link CelExpressionException} for a missing field or a non-bool result.
     *
     * @throws CelExpressionException ({@code INVALID_EXPRESSION}) when the source does not parse or type-check
     */
    public static Predicate compile(String source) {
        return PREDICATES.computeIfAbsent(source,
                s -> FastPathPredicate.tryCreate(s).<Predicate>map(p -> p).orElseGet(() -> program(s)));
    }

    /** A predicate that always goes through CEL (no fast path); for comparison and benchmarks. */
    public static Predicate compileCel(String source) {
        return program(source);
    }

    /** True when {@link #compile(String)} uses the fast path for {@code source}. */
    public static boolean isFastPath(String source) {
        return compile(source) instanceof FastPathPredicate;
    }

    /**
     * An expression for {@code source}, returning Java values: maps as {@code LinkedHashMap<String,Object>}, lists
     * as {@code List}, ints as {@code Long}, doubles as {@code Double}.
     */
    public static Expression compileExpression(String source) {
        return program(source);
    }

    /** Evaluates {@code source} against a body and headers (either may be empty) and returns a Java value. */
    public static Object evaluate(String source, Object body, Map<String, Object> headers) {
        return program(source).evaluate(body, headers);
    }

    /** Evaluates {@code source} as a condition against a body (fast path when possible). */
    public static boolean test(String source, Object body) {
        Predicate p = compile(source);
        return p instanceof FastPathPredicate f ? f.test(body) : ((CelProgram) p).test(body, Map.of());
    }

    private static CelProgram program(String source) {
        return PROGRAMS.computeIfAbsent(source, CelProgram::compile);
    }
}
