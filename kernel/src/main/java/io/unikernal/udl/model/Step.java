package io.unikernal.udl.model;

import java.util.List;
import java.util.Map;

/**
 * One step of a route. Each kind is one key in a list item of {@code steps:}; the records here are the core kinds'
 * models, and a plug-in's step kind ({@code io.unikernal.spi.step.StepKind}) brings its own.
 */
public interface Step {

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
    record Split(Expr by, List<Step> steps, Integer parallel, SourcePos pos) implements Step {
    }

    /**
     * {@code fanOut: {to: [a, b, c], join: all|first|quorum, quorum: n, timeout: 2s}} — parallel calls joined by a
     * policy; {@code quorum} is null for a majority, {@code timeout} null to wait for all.
     */
    record FanOut(List<EndpointRef> targets, String join, Integer quorum, java.time.Duration timeout, SourcePos pos)
            implements Step {
        /** Successes the join needs. */
        public int needed() {
            return switch (join) {
                case "first" -> 1;
                case "quorum" -> quorum != null ? quorum : targets.size() / 2 + 1;
                default -> targets.size();
            };
        }
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
    record Route(List<RouteRule> rules, List<Weighted> weights, String key, Adaptive adaptive, SourcePos pos)
            implements Step {
    }

    /**
     * {@code route: {adaptive: {targets: [a, b], ...}}} — the choice follows each target's measured latency and error
     * rate (EWMA, {@code smoothing} % weight of the newest call), each healthy target keeps {@code explore} % of the
     * traffic, {@code downAfter} failures in a row take a target out for {@code probeAfter}.
     */
    record Adaptive(List<String> targets, int smoothing, int explore, int downAfter, java.time.Duration probeAfter,
            SourcePos pos) {
    }

    record RouteRule(Expr when, String to, SourcePos pos) {
    }

    record Weighted(String to, int weight, SourcePos pos) {
    }

    /** {@code log: "text"} — a log line through Camel's log EIP; {@code text} keeps where the text starts. */
    record Log(Expr text, SourcePos pos) implements Step {
        public String message() {
            return text.source();
        }
    }
}
