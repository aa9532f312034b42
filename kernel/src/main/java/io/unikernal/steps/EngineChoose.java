package io.unikernal.steps;

import io.unikernal.expr.CelToRules;
import io.unikernal.expr.FirstMatchTable;
import io.unikernal.routing.Rule;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.RuleTableText;
import io.unikernal.udl.model.Step;
import java.util.Optional;

/**
 * A {@code choose} of a route with an {@code engine}: its conditions become one rule table, decided by the routing
 * engine (the Rust core or its Java twin) through the {@code rust:route} endpoint; the branch it picks is then taken
 * by a plain Camel choice on the decision header.
 */
final class EngineChoose {

    /** The target name of branch {@code i}; the otherwise branch (or none) is {@link #OTHERWISE}. */
    static String branch(int i) {
        return FirstMatchTable.branch(i);
    }

    static final String OTHERWISE = FirstMatchTable.OTHERWISE;
    /** The header the {@code rust:route} endpoint sets to the chosen target's name (RustConstants.ROUTE_TARGET). */
    static final String DECISION_HEADER = "UnikernalRouteTarget";

    private EngineChoose() {
    }

    /** The rule table of the choose: rule i (first match wins) picks branch i; no match picks otherwise. */
    static Optional<RuleTable> table(Step.Choose choose) {
        return FirstMatchTable.of(choose.whens().stream().map(when -> when.condition().source()).toList());
    }

    /** The endpoint URI of the decision. */
    static String uri(String engine, RuleTable table) {
        return "rust:route?engine=" + engine + "&rules=" + RuleTableText.rawUriValue(RuleTableText.format(table));
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
            table.weightKey(CelToRules.fieldPath(step.key()));
        }
        return table.build();
    }
}
