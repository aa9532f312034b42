package io.unikernal.steps;

import io.unikernal.expr.CelToRules;
import io.unikernal.routing.Condition;
import io.unikernal.routing.Rule;
import io.unikernal.routing.RuleTable;
import io.unikernal.udl.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code choose} of a route with an {@code engine}: its conditions become one rule table, decided by the routing
 * engine (the Rust core or its Java twin) through the {@code rust:route} endpoint; the branch it picks is then taken
 * by a plain Camel choice on the decision header.
 */
public final class EngineChoose {

    /** The target name of branch {@code i}; the otherwise branch (or none) is {@link #OTHERWISE}. */
    static String branch(int i) {
        return "b" + i;
    }

    static final String OTHERWISE = "otherwise";
    /** The header the {@code rust:route} endpoint sets to the chosen target's name (RustConstants.ROUTE_TARGET). */
    static final String DECISION_HEADER = "UnikernalRouteTarget";

    private EngineChoose() {
    }

    /** True when every condition of the choose has an engine translation. */
    public static boolean runsOnEngine(Step.Choose choose) {
        return table(choose).isPresent();
    }

    /** The rule table of the choose: rule i (first match wins) picks branch i; no match picks otherwise. */
    static Optional<RuleTable> table(Step.Choose choose) {
        RuleTable.Builder table = RuleTable.builder();
        for (int i = 0; i < choose.whens().size(); i++) {
            Optional<List<Condition>> conditions = CelToRules.conditions(choose.whens().get(i).condition().source());
            if (conditions.isEmpty()) {
                return Optional.empty();
            }
            Rule.Builder rule = Rule.builder();
            conditions.get().forEach(rule::when);
            table.rule(rule.to(branch(i)).build());
        }
        table.defaultTarget(OTHERWISE);
        RuleTable built = table.build();
        String text = text(built);
        // the table travels in an endpoint URI as RAW(...) or RAW{...}; a text that closes both stays on CEL
        return text.contains(")") && text.contains("}") ? Optional.empty() : Optional.of(built);
    }

    /** The endpoint URI of the decision. */
    static String uri(String engine, RuleTable table) {
        String text = text(table);
        return "rust:route?engine=" + engine + "&rules=" + (text.contains(")") ? "RAW{" + text + "}" : "RAW(" + text + ")");
    }

    /** The rule table in the text form {@code rust:route?rules=} reads. */
    static String text(RuleTable table) {
        List<String> items = new ArrayList<>();
        for (Rule rule : table.rules()) {
            List<String> conditions = rule.conditions().stream().map(Condition::toString).toList();
            String targets = String.join(", ", rule.targets().stream()
                    .map(t -> rule.targets().size() == 1 ? t.target() : t.target() + ":" + t.weight()).toList());
            items.add((conditions.isEmpty() ? "always" : "when " + String.join(" and ", conditions)) + " then "
                    + targets);
        }
        if (table.defaultTarget() >= 0) {
            items.add("otherwise " + table.targets().get(table.defaultTarget()));
        }
        if (table.weightKey() != null) {
            items.add("weightKey " + table.weightKey());
        }
        return String.join("; ", items);
    }

    /** The rule table of a route step: its rules in order, then its weighted targets; no match picks none. */
    static RuleTable table(Step.Route step) {
        RuleTable.Builder table = RuleTable.builder();
        for (Step.RouteRule rule : step.rules()) {
            Rule.Builder builder = Rule.builder();
            CelToRules.conditions(rule.when().source()).orElseThrow(() -> new IllegalStateException(
                    rule.pos() + ": the rule should have been refused by the checks")).forEach(builder::when);
            table.rule(builder.to(rule.to()).build());
        }
        if (!step.weights().isEmpty()) {
            Rule.Builder weighted = Rule.builder();
            step.weights().forEach(w -> weighted.to(w.to(), w.weight()));
            table.rule(weighted.build());
        }
        if (step.key() != null) {
            table.weightKey(weightKey(step.key()));
        }
        return table.build();
    }

    /**
     * The field a route step's {@code key} names ({@code customer.id}, {@code headers.x}); throws
     * IllegalArgumentException, saying why, when it is not a field path (the checks report that before compiling).
     */
    public static io.unikernal.routing.FieldRef weightKey(String key) {
        return io.unikernal.routing.FieldRef.parse(key.startsWith("headers.")
                ? "header." + key.substring("headers.".length()) : "body." + key);
    }
}
