package io.unikernal.udl.check;

import io.unikernal.expr.CelExpressions;
import io.unikernal.expr.ExpressionProblem;
import io.unikernal.udl.error.DidYouMean;
import io.unikernal.spi.step.ExpressionScope;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udm.schema.FieldType;
import io.unikernal.udm.schema.UdmField;
import io.unikernal.udm.schema.UdmSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every CEL expression of the routes. The schema in scope is the one of the latest {@code validate} before
 * the expression on its path through the route (a branch's validate counts inside that branch only; a split body
 * has no schema); {@code transform} keeps it current: renamed fields keep their type, set fields are {@code dyn},
 * removed fields are gone. Before any validate only the syntax is checked. A validate of an unknown schema checks
 * against the schema its error suggests, if any.
 */
final class ExpressionChecks implements ExpressionScope {

    private final UdlDocument doc;
    private final Problems problems;
    private final Map<String, UdmSchema> schemas;
    private final StepWalk walk;

    ExpressionChecks(UdlDocument doc, Problems problems, StepWalk walk) {
        this.doc = doc;
        this.problems = problems;
        this.schemas = SchemaConversion.all(doc);
        this.walk = walk;
    }

    void check() {
        for (RouteDecl route : doc.routes()) {
            UdmSchema scope = steps(route.steps(), null);
            if (route.reply() != null && route.reply().body() != null) {
                value(route.reply().body(), scope);
            }
        }
    }

    /** Checks the steps, each by its kind; returns the schema in scope after them. */
    @Override
    public UdmSchema steps(List<Step> steps, UdmSchema scope) {
        UdmSchema current = scope;
        for (Step step : steps) {
            current = check(step, current);
        }
        return current;
    }

    private <S extends Step> UdmSchema check(S step, UdmSchema scope) {
        return walk.kindOf(step).checkExpressions(step, scope, this);
    }

    /**
     * The schema a validate names or, when it names none that exists, the one its "did you mean" error suggests: the
     * expressions after it are still checked in this run, against what the user most likely meant.
     */
    @Override
    public UdmSchema schema(String name) {
        UdmSchema named = schemas.get(name);
        return named != null ? named : DidYouMean.closest(name, schemas.keySet()).map(schemas::get).orElse(null);
    }

    @Override
    public void value(Expr expr, UdmSchema scope) {
        report(expr, CelExpressions.analyse(expr.source(), scope).problems(), scope);
    }

    @Override
    public void condition(Expr expr, UdmSchema scope, String where) {
        CelExpressions.CheckResult result = CelExpressions.analyse(expr.source(), scope);
        report(expr, result.problems(), scope);
        if (result.problems().isEmpty()) {
            result.resultType().filter(t -> !t.equals("bool") && !t.equals("dyn"))
                    .ifPresent(t -> problems.add(UdlMessages.expressionNotBoolean(expr.pos(), where, t)));
        }
    }

    private void report(Expr expr, List<ExpressionProblem> found, UdmSchema scope) {
        for (ExpressionProblem p : found) {
            switch (p.kind()) {
                case SYNTAX -> problems.add(UdlMessages.expressionSyntax(expr.at(p.offset()), p.message()));
                case TYPE -> problems.add(UdlMessages.expressionType(expr.at(p.offset()), p.message()));
                case UNKNOWN_FIELD -> problems.add(UdlMessages.expressionUnknownField(expr.at(p.offset()),
                        p.message(), scope == null ? null : scope.name()));
            }
        }
    }
}
