package io.unikernal.expr;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime.CelFunctionBinding;
import java.util.Map;

/**
 * The one CEL environment Unikernal uses: standard library and macros, heterogeneous numeric comparisons
 * ({@code 1 < 1.5}), and extra int/double overloads of {@code + - * /} so that
 * {@code amount * 1.2} works on an int field (CEL itself has no implicit int→double conversion).
 */
final class CelEnvironment {
    /** Name of the variable holding the exchange headers. */
    static final String HEADERS = "headers";
    /** Name of the variable holding the whole body (when the body has no member of that name). */
    static final String BODY = "body";
    static final CelType HEADERS_TYPE = MapType.create(SimpleType.STRING, SimpleType.DYN);

    static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .build();

    private static final Cel BASE = CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addFunctionDeclarations(
                    mixed("_+_", "add", SimpleType.DOUBLE),
                    mixed("_-_", "subtract", SimpleType.DOUBLE),
                    mixed("_*_", "multiply", SimpleType.DOUBLE),
                    mixed("_/_", "divide", SimpleType.DOUBLE))
            .addFunctionBindings(
                    CelFunctionBinding.from("add_int64_double", Long.class, Double.class, (a, b) -> a + b),
                    CelFunctionBinding.from("add_double_int64", Double.class, Long.class, (a, b) -> a + b),
                    CelFunctionBinding.from("subtract_int64_double", Long.class, Double.class, (a, b) -> a - b),
                    CelFunctionBinding.from("subtract_double_int64", Double.class, Long.class, (a, b) -> a - b),
                    CelFunctionBinding.from("multiply_int64_double", Long.class, Double.class, (a, b) -> a * b),
                    CelFunctionBinding.from("multiply_double_int64", Double.class, Long.class, (a, b) -> a * b),
                    CelFunctionBinding.from("divide_int64_double", Long.class, Double.class, (a, b) -> a / b),
                    CelFunctionBinding.from("divide_double_int64", Double.class, Long.class, (a, b) -> a / b))
            .build();

    /**
     * For static checks only (never run): also declares int/double overloads of {@code ==} and {@code !=}, so a
     * schema-typed {@code amount == 1000} on a double field checks. At run time variables are {@code dyn} and
     * CEL's heterogeneous equality already compares numbers across types; binding these overloads there would
     * make {@code dyn == int} ambiguous.
     */
    private static final Cel CHECK = BASE.toCelBuilder()
            .addFunctionDeclarations(
                    mixed("_==_", "equals", SimpleType.BOOL),
                    mixed("_!=_", "not_equals", SimpleType.BOOL))
            .build();

    private CelEnvironment() {
    }

    private static CelFunctionDecl mixed(String function, String prefix, CelType result) {
        return CelFunctionDecl.newFunctionDeclaration(function,
                CelOverloadDecl.newGlobalOverload(prefix + "_int64_double", result, SimpleType.INT, SimpleType.DOUBLE),
                CelOverloadDecl.newGlobalOverload(prefix + "_double_int64", result, SimpleType.DOUBLE, SimpleType.INT));
    }

    /** The base environment, without variables (enough for parsing). */
    static Cel base() {
        return BASE;
    }

    /** The run-time environment plus the given variable declarations. */
    static Cel withVariables(Map<String, CelType> variables) {
        return with(BASE, variables);
    }

    /** The static-check environment plus the given variable declarations; do not create programs from it. */
    static Cel forChecking(Map<String, CelType> variables) {
        return with(CHECK, variables);
    }

    private static Cel with(Cel cel, Map<String, CelType> variables) {
        var builder = cel.toCelBuilder();
        variables.forEach(builder::addVar);
        return builder.build();
    }
}
