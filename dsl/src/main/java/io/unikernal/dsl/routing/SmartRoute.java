package io.unikernal.dsl.routing;

import io.unikernal.expr.FirstMatchTable;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.RuleTableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.LanguageExpression;
import org.apache.camel.model.language.SimpleExpression;

/**
 * Content-based routing decided by the routing engine, as a UDL {@code choose} with an {@code engine:} compiles: the
 * CEL conditions (first match wins) become one rule table, the {@code rust:route} endpoint decides it — the Rust core
 * ({@code rust}), its Java twin ({@code java}) or whichever is there ({@code auto}) — and a plain Camel choice on its
 * decision takes the branch. Conditions the engine cannot take (not simple comparisons of fields with literals) stay
 * a Camel choice on the {@code cel} language, as the compiler keeps them.
 */
public final class SmartRoute {

    /** The header {@code rust:route} sets to the chosen target's name (RustConstants.ROUTE_TARGET). */
    static final String DECISION_HEADER = "UnikernalRouteTarget";

    private final String engine;
    private final List<String> conditions = new ArrayList<>();
    private final List<String> uris = new ArrayList<>();
    private String otherwise;

    private SmartRoute(String engine) {
        this.engine = engine;
    }

    /** {@code engine}: {@code rust}, {@code java} or {@code auto}. */
    public static SmartRoute engine(String engine) {
        if (!List.of("rust", "java", "auto").contains(engine)) {
            throw new IllegalArgumentException("engine '" + engine + "' must be rust, java or auto");
        }
        return new SmartRoute(engine);
    }

    /** A branch: when the CEL {@code condition} holds (and no earlier one did), send to {@code uri}. */
    public SmartRoute when(String condition, String uri) {
        conditions.add(condition);
        uris.add(uri);
        return this;
    }

    /** Where a message no condition matched goes; without it such a message goes on unsent. */
    public SmartRoute otherwise(String uri) {
        this.otherwise = uri;
        return this;
    }

    /** Whether the conditions run on the routing engine (else on CEL in a Camel choice). */
    public boolean onEngine() {
        return FirstMatchTable.of(conditions).isPresent();
    }

    /** Appends the routing to {@code block}; returns {@code block} to go on with. */
    public <T extends ProcessorDefinition<?>> T appendTo(T block) {
        if (conditions.isEmpty()) {
            throw new IllegalStateException("a smart route needs at least one when(condition, uri)");
        }
        Optional<RuleTable> table = FirstMatchTable.of(conditions);
        ChoiceDefinition choice;
        if (table.isPresent()) {
            block.to("rust:route?engine=" + engine + "&rules="
                    + RuleTableText.rawUriValue(RuleTableText.format(table.get())));
            choice = block.choice();
            for (int i = 0; i < uris.size(); i++) {
                choice.when(new SimpleExpression("${header." + DECISION_HEADER + "} == '" + FirstMatchTable.branch(i)
                        + "'")).to(uris.get(i));
            }
        } else {
            choice = block.choice();
            for (int i = 0; i < uris.size(); i++) {
                choice.when(new LanguageExpression("cel", conditions.get(i))).to(uris.get(i));
            }
        }
        if (otherwise != null) {
            choice.otherwise().to(otherwise);
        }
        choice.end();
        return block;
    }
}
