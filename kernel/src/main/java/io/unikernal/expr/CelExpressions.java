package io.unikernal.expr;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSource;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import io.unikernal.udm.schema.FieldType;
import io.unikernal.udm.schema.UdmField;
import io.unikernal.udm.schema.UdmSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static checks of CEL expressions for the UDL validator, without evaluating anything.
 *
 * <p>With a schema, variables are typed from it: string → {@code string}; int → {@code int}; double and decimal →
 * {@code double}; boolean → {@code bool}; timestamp → {@code string} (bodies carry ISO-8601 text; write
 * {@code timestamp(at)} to get a CEL timestamp); object → {@code map(string, dyn)}; array → {@code list(dyn)};
 * any → {@code dyn}. {@code headers} is always {@code map(string, dyn)}; {@code body} is the whole body
 * ({@code dyn}) unless the schema has a field of that name. Without a schema every variable is {@code dyn}.
 */
public final class CelExpressions {
    private CelExpressions() {
    }

    /** The result of checking one expression: its problems and, when it type-checks, its result type. */
    public record CheckResult(List<ExpressionProblem> problems, Optional<String> resultType) {
        /** True when there are no problems. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks syntax, and types against {@code schemaOrNull}: unknown identifiers are {@code UNKNOWN_FIELD}
     * (with a "did you mean" hint when one field name is close), operand mismatches are {@code TYPE}.
     */
    public static List<ExpressionProblem> check(String source, UdmSchema schemaOrNull) {
        return analyse(source, schemaOrNull).problems();
    }

    /**
     * Like {@link #check}, and also requires the result to be {@code bool} (or {@code dyn}, decided at run time),
     * as {@code when:}/{@code filter:} conditions must be.
     */
    public static List<ExpressionProblem> checkPredicate(String source, UdmSchema schemaOrNull) {
        CheckResult r = analyse(source, schemaOrNull);
        List<ExpressionProblem> problems = new ArrayList<>(r.problems());
        r.resultType().filter(t -> !t.equals("bool") && !t.equals("dyn")).ifPresent(t -> problems.add(
                new ExpressionProblem(ExpressionProblem.Kind.TYPE, "a condition must be bool, but this expression is " + t, 0)));
        return problems;
    }

    /** True when the expression type-checks and its result type is {@code bool}. */
    public static boolean isPredicateResultBool(String source, UdmSchema schemaOrNull) {
        return analyse(source, schemaOrNull).resultType().filter("bool"::equals).isPresent();
    }

    /** Problems plus the CEL result type name ({@code bool}, {@code double}, {@code map(string, dyn)}, ...). */
    public static CheckResult analyse(String source, UdmSchema schemaOrNull) {
        CelValidationResult parsed = CelEnvironment.base().parse(source);
        if (parsed.hasError()) {
            return new CheckResult(toProblems(ExpressionProblem.Kind.SYNTAX, parsed), Optional.empty());
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = parsed.getAst();
        } catch (CelValidationException e) {
            return new CheckResult(List.of(new ExpressionProblem(ExpressionProblem.Kind.SYNTAX, e.getMessage(), 0)), Optional.empty());
        }
        List<ExpressionProblem> problems = new ArrayList<>();
        Map<String, CelType> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Long> v : FreeVariables.of(ast.getExpr()).entrySet()) {
            String name = v.getKey();
            if (CelEnvironment.HEADERS.equals(name)) {
                vars.put(name, CelEnvironment.HEADERS_TYPE);
            } else if (schemaOrNull == null) {
                vars.put(name, SimpleType.DYN);
            } else if (schemaOrNull.fieldsByName().containsKey(name)) {
                vars.put(name, celType(schemaOrNull.fieldsByName().get(name).type()));
            } else if (CelEnvironment.BODY.equals(name)) {
                vars.put(name, SimpleType.DYN);
            } else {
                int offset = ast.getSource().getPositionsMap().getOrDefault(v.getValue(), 0);
                problems.add(new ExpressionProblem(ExpressionProblem.Kind.UNKNOWN_FIELD,
                        "'" + name + "' is not a field of schema " + schemaOrNull.name() + hint(name, schemaOrNull), offset));
                vars.put(name, SimpleType.DYN); // keep checking the rest
            }
        }
        Cel cel = CelEnvironment.forChecking(vars);
        CelValidationResult checked = cel.check(ast);
        if (checked.hasError()) {
            problems.addAll(toProblems(ExpressionProblem.Kind.TYPE, checked));
            return new CheckResult(List.copyOf(problems), Optional.empty());
        }
        try {
            return new CheckResult(List.copyOf(problems), Optional.of(CelTypes.format(checked.getAst().getResultType())));
        } catch (CelValidationException e) {
            problems.add(new ExpressionProblem(ExpressionProblem.Kind.TYPE, e.getMessage(), 0));
            return new CheckResult(List.copyOf(problems), Optional.empty());
        }
    }

    /** The CEL type a schema field is declared with. */
    public static String celTypeName(FieldType type) {
        return CelTypes.format(celType(type));
    }

    static CelType celType(FieldType type) {
        return switch (type) {
            case STRING, TIMESTAMP -> SimpleType.STRING;
            case INT -> SimpleType.INT;
            case DOUBLE, DECIMAL -> SimpleType.DOUBLE;
            case BOOLEAN -> SimpleType.BOOL;
            case OBJECT -> MapType.create(SimpleType.STRING, SimpleType.DYN);
            case ARRAY -> ListType.create(SimpleType.DYN);
            case ANY -> SimpleType.DYN;
        };
    }

    private static List<ExpressionProblem> toProblems(ExpressionProblem.Kind kind, CelValidationResult result) {
        CelSource source = result.getSource();
        List<ExpressionProblem> out = new ArrayList<>();
        for (CelIssue issue : result.getErrors()) {
            int offset = source.getLocationOffset(issue.getSourceLocation()).orElse(0);
            out.add(new ExpressionProblem(kind, issue.getMessage(), offset));
        }
        return out;
    }

    private static String hint(String name, UdmSchema schema) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (UdmField f : schema.fields()) {
            int d = distance(name.toLowerCase(), f.name().toLowerCase());
            if (d < bestDistance) {
                best = f.name();
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, name.length() / 3)) ? "; did you mean '" + best + "'?" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
