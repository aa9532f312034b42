package io.unikernal.udl.model;

import java.util.List;
import java.util.Map;

/** One step of a route. Each kind is one key in a list item of {@code steps:}. */
public sealed interface Step {

    SourcePos pos();

    /** {@code validate: Order} — check the body against a schema (migrating older versions first). */
    record Validate(String schema, SourcePos pos, SourcePos schemaPos) implements Step {
    }

    /** {@code transform: {set: {k: expr}, remove: [k], rename: {old: new}}} — applied in the order rename, set, remove. */
    record Transform(Map<String, Expr> set, List<String> remove, Map<String, String> rename, SourcePos pos)
            implements Step {
    }

    /** {@code filter: "expr"} — messages for which the expression is false stop here (counted, not lost: they end the route normally). */
    record Filter(Expr condition, SourcePos pos) implements Step {
    }

    /** {@code choose: [{when: expr, steps|to: ...}, ..., {otherwise: ...}]} — the first matching branch runs. */
    record Choose(List<When> whens, List<Step> otherwise, SourcePos pos) implements Step {
    }

    record When(Expr condition, List<Step> steps, SourcePos pos) {
    }

    /** {@code split: {by: expr, steps: [...]}} — runs the steps once per element of the list the expression yields. */
    record Split(Expr by, List<Step> steps, SourcePos pos) implements Step {
    }

    /** {@code to: db} or {@code to: [db, events]} — one target, or a parallel fan-out to several. */
    record To(List<EndpointRef> targets, SourcePos pos) implements Step {
        public boolean parallel() {
            return targets.size() > 1;
        }
    }

    /**
     * {@code route: {rules: [{when: expr, to: sys}], weights: [{to: sys, weight: n}], key: field}} — picks one target:
     * the first rule whose condition holds, else one of the weighted targets, chosen by a deterministic hash of
     * {@code key} (a body path or {@code headers.name}; the whole body when absent) so one key sticks to one target.
     * Decided by the routing engine of the route ({@code engine:}, default auto).
     */
    record Route(List<RouteRule> rules, List<Weighted> weights, String key, SourcePos pos) implements Step {
    }

    record RouteRule(Expr when, String to, SourcePos pos) {
    }

    record Weighted(String to, int weight, SourcePos pos) {
    }

    /** {@code log: "text"} — a log line through Camel's log EIP. */
    record Log(String message, SourcePos pos) implements Step {
    }
}
