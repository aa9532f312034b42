package io.unikernal.expr;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;

/**
 * One compiled CEL expression, usable as a Camel {@link Predicate} and {@link Expression}. Variables are the
 * expression's free identifiers, declared {@code dyn} and bound per exchange to the body's top-level members;
 * {@code headers} is the exchange headers (a map) and {@code body} the whole body when the body has no member
 * called {@code body}. Immutable and thread-safe.
 */
final class CelProgram implements Predicate, Expression {
    private final String source;
    private final String[] variables;
    private final CelRuntime.Program program;

    private CelProgram(String source, String[] variables, CelRuntime.Program program) {
        this.source = source;
        this.variables = variables;
        this.program = program;
    }

    /**
     * Parses, type-checks (all variables {@code dyn}) and plans {@code source}.
     *
     * @throws CelExpressionException with {@link CelExpressionException.Code#INVALID_EXPRESSION}
     */
    static CelProgram compile(String source) {
        CelValidationResult parsed = CelEnvironment.base().parse(source);
        if (parsed.hasError()) {
            throw invalid(source, parsed);
        }
        try {
            CelAbstractSyntaxTree ast = parsed.getAst();
            Map<String, CelType> vars = new LinkedHashMap<>();
            for (String name : FreeVariables.of(ast.getExpr()).keySet()) {
                vars.put(name, CelEnvironment.HEADERS.equals(name) ? CelEnvironment.HEADERS_TYPE : SimpleType.DYN);
            }
            Cel cel = CelEnvironment.withVariables(vars);
            CelValidationResult checked = cel.check(ast);
            if (checked.hasError()) {
                throw invalid(source, checked);
            }
            return new CelProgram(source, vars.keySet().toArray(String[]::new), cel.createProgram(checked.getAst()));
        } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
            throw new CelExpressionException(CelExpressionException.Code.INVALID_EXPRESSION, source, null, e.getMessage(), e);
        }
    }

    private static CelExpressionException invalid(String source, CelValidationResult result) {
        return new CelExpressionException(CelExpressionException.Code.INVALID_EXPRESSION, source, null,
                result.getErrorString(), null);
    }

    /** Evaluates against a body and headers and returns a plain Java value (see {@link CelValues#fromCel}). */
    Object evaluate(Object body, Map<String, Object> headers) {
        return CelValues.fromCel(evaluateRaw(body, headers));
    }

    /** Evaluates and returns CEL's own result object. */
    Object evaluateRaw(Object body, Map<String, Object> headers) {
        Map<?, ?> fields = body instanceof Map<?, ?> m ? m : Map.of();
        for (String v : variables) {
            if (!fields.containsKey(v) && !CelEnvironment.HEADERS.equals(v) && !CelEnvironment.BODY.equals(v)) {
                throw CelExpressionException.missingField(source, v); // CEL would return "unknown", not fail
            }
        }
        try {
            return program.eval(name -> Optional.of(resolve(name, body, fields, headers)));
        } catch (CelEvaluationException e) {
            throw new CelExpressionException(CelExpressionException.Code.EVALUATION_FAILED, source, null, e.getMessage(), e);
        }
    }

    private static Object resolve(String name, Object body, Map<?, ?> fields, Map<String, Object> headers) {
        if (CelEnvironment.HEADERS.equals(name)) {
            // header names are case-insensitive (HTTP sends them in any case), so the CEL view must be too; a
            // caller's credentials are not in it, so no reply body, transform or condition can copy them out
            Map<String, Object> view = new org.apache.camel.util.CaseInsensitiveMap();
            if (headers != null) {
                headers.forEach((k, v) -> {
                    if (!io.unikernal.udm.CredentialHeaders.isCredential(k)) {
                        view.put(k, CelValues.toCel(v));
                    }
                });
            }
            return view;
        }
        if (fields.containsKey(name)) {
            return CelValues.toCel(fields.get(name));
        }
        return CelValues.toCel(body); // only reached for "body"
    }

    /** Evaluates as a predicate: the result must be a bool. */
    boolean test(Object body, Map<String, Object> headers) {
        Object result = evaluateRaw(body, headers);
        if (result instanceof Boolean b) {
            return b;
        }
        throw new CelExpressionException(CelExpressionException.Code.NOT_A_BOOLEAN, source, null,
                "a condition must be true or false, but produced " + CelValues.fromCel(result), null);
    }

    @Override
    public boolean matches(Exchange exchange) {
        return test(exchange.getMessage().getBody(), exchange.getMessage().getHeaders());
    }

    @Override
    public <T> T evaluate(Exchange exchange, Class<T> type) {
        Object result = evaluate(exchange.getMessage().getBody(), exchange.getMessage().getHeaders());
        if (type == Object.class || type.isInstance(result)) {
            return type.cast(result);
        }
        return exchange.getContext().getTypeConverter().convertTo(type, exchange, result);
    }

    @Override
    public void init(org.apache.camel.CamelContext context) {
        // compiled eagerly; nothing to initialise
    }

    String source() {
        return source;
    }

    @Override
    public String toString() {
        return "cel{" + source + "}";
    }
}
