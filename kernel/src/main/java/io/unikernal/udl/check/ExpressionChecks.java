package io.unikernal.udl.check;

import io.unikernal.expr.CelExpressions;
import io.unikernal.expr.ExpressionProblem;
import io.unikernal.udl.error.DidYouMean;
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
final class ExpressionChecks {

    private final UdlDocument doc;
    private final Problems problems;
    private final Map<String, UdmSchema> schemas;

    ExpressionChecks(UdlDocument doc, Problems problems) {
        this.doc = doc;
        this.problems = problems;
        this.schemas = SchemaConversion.all(doc);
    }

    void check() {
        for (RouteDecl route : doc.routes()) {
            UdmSchema scope = steps(route.steps(), null);
            if (route.reply() != null && route.reply().body() != null) {
                value(route.reply().body(), scope);
            }
        }
    }

    /** Checks the steps; returns the schema in scope after them. */
    private UdmSchema steps(List<Step> steps, UdmSchema scope) {
        UdmSchema current = scope;
        for (Step step : steps) {
            if (step instanceof Step.Validate v) {
                current = schema(v.schema());
            } else if (step instanceof Step.Transform t) {
                current = transform(t, current);
            } else if (step instanceof Step.Filter f) {
                condition(f.condition(), current, "filter");
            } else if (step instanceof Step.Choose c) {
                for (Step.When w : c.whens()) {
                    condition(w.condition(), current, "when");
                    steps(w.steps(), current);
                }
                steps(c.otherwise(), current);
            } else if (step instanceof Step.Split s) {
                value(s.by(), current);
                steps(s.steps(), null);
            } else if (step instanceof Step.Route r) {
                for (Step.RouteRule rule : r.rules()) {
                    condition(rule.when(), current, "when");
                }
            }
        }
        return current;
    }

    /**
     * The schema a validate names or, when it names none that exists, the one its "did you mean" error suggests: the
     * expressions after it are still checked in this run, against what the user most likely meant.
     */
    private UdmSchema schema(String name) {
        UdmSchema named = schemas.get(name);
        return named != null ? named : DidYouMean.closest(name, schemas.keySet()).map(schemas::get).orElse(null);
    }

    private UdmSchema transform(Step.Transform t, UdmSchema scope) {
        Map<String, UdmField> fields = new LinkedHashMap<>();
        if (scope != null) {
            scope.fields().forEach(f -> fields.put(f.name(), f));
            t.rename().forEach((from, to) -> {
                UdmField f = fields.remove(from);
                fields.put(to, f == null ? dyn(to) : withName(f, to));
            });
        }
        t.set().values().forEach(e -> value(e, scope == null ? null : rebuild(scope, fields)));
        if (scope == null) {
            return null;
        }
        t.set().keySet().forEach(name -> fields.put(name, dyn(name)));
        t.remove().forEach(fields::remove);
        return rebuild(scope, fields);
    }

    private static UdmField dyn(String name) {
        return UdmField.builder(name, FieldType.ANY).build();
    }

    private static UdmField withName(UdmField f, String name) {
        return new UdmField(name, f.type(), f.required(), f.min(), f.max(), f.pattern(), f.enumValues(), null,
                f.defaultValue(), f.description());
    }

    private static UdmSchema rebuild(UdmSchema scope, Map<String, UdmField> fields) {
        UdmSchema.Builder b = UdmSchema.builder(scope.name(), scope.version());
        fields.values().forEach(f -> b.field(withName(f, f.name())));
        return b.build();
    }

    private void value(Expr expr, UdmSchema scope) {
        report(expr, CelExpressions.analyse(expr.source(), scope).problems(), scope);
    }

    private void condition(Expr expr, UdmSchema scope, String where) {
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
