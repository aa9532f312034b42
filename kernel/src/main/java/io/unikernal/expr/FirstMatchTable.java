package io.unikernal.expr;

import io.unikernal.routing.Condition;
import io.unikernal.routing.Rule;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.RuleTableText;
import java.util.List;
import java.util.Optional;

/**
 * CEL conditions taken in order, first match wins, as one routing-engine rule table: rule {@code i} picks target
 * {@link #branch branch(i)}, no match picks {@link #OTHERWISE}. The one decision of whether a {@code choose} runs on
 * the engine, shared by the checks (which warn when it does not) and the compiler (which emits it).
 */
public final class FirstMatchTable {

    /** The target of the table when no condition matches. */
    public static final String OTHERWISE = "otherwise";

    private FirstMatchTable() {
    }

    /** The target name of branch {@code i}. */
    public static String branch(int i) {
        return "b" + i;
    }

    /**
     * The table, or empty when a condition has no engine translation ({@link CelToRules}) or the table's text could
     * not travel in an endpoint URI ({@link RuleTableText#fitsRawUriValue}): then the conditions stay on CEL.
     */
    public static Optional<RuleTable> of(List<String> conditions) {
        RuleTable.Builder table = RuleTable.builder();
        for (int i = 0; i < conditions.size(); i++) {
            Optional<List<Condition>> translated = CelToRules.conditions(conditions.get(i));
            if (translated.isEmpty()) {
                return Optional.empty();
            }
            Rule.Builder rule = Rule.builder();
            translated.get().forEach(rule::when);
            table.rule(rule.to(branch(i)).build());
        }
        table.defaultTarget(OTHERWISE);
        RuleTable built = table.build();
        return RuleTableText.fitsRawUriValue(RuleTableText.format(built)) ? Optional.of(built) : Optional.empty();
    }
}
