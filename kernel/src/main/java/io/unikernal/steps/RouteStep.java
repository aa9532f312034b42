package io.unikernal.steps;

import io.unikernal.expr.CelToRules;
import io.unikernal.routing.RuleTable;
import io.unikernal.runtime.adaptive.AdaptiveLoadBalancer;
import io.unikernal.spi.step.ExpressionScope;
import io.unikernal.spi.step.StepChecks;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.UdlSpec;
import io.unikernal.udm.schema.UdmSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.LoadBalanceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.SimpleExpression;

/**
 * {@code route: {rules, weights, key}} — smart routing decided by the route's routing engine — or
 * {@code route: {adaptive: {...}}}, where the choice follows each target's measured latency and error rate.
 */
public final class RouteStep implements StepKind<Step.Route> {

    private static final UdlKey KEY = UdlKey.of("route", UdlSpec.ROUTE_STEP, UdlSpec.ROUTE_STEP.description(),
            "{weights: [{to: a, weight: 3}, {to: b, weight: 1}], key: id}");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.Route> modelType() {
        return Step.Route.class;
    }

    @Override
    public Step.Route bind(StepInput input) {
        if (!input.isMap()) {
            return null;
        }
        List<Step.RouteRule> rules = new ArrayList<>();
        for (StepInput rule : input.get("rules").map(StepInput::items).orElse(List.of())) {
            Expr when = rule.get("when").map(StepInput::expression).orElse(null);
            String to = rule.get("to").map(StepInput::text).orElse(null);
            if (rule.isMap() && when != null && to != null) {
                rules.add(new Step.RouteRule(when, to, rule.pos()));
            }
        }
        List<Step.Weighted> weights = new ArrayList<>();
        for (StepInput weighted : input.get("weights").map(StepInput::items).orElse(List.of())) {
            String to = weighted.get("to").map(StepInput::text).orElse(null);
            Integer weight = weighted.read(UdlSpec.WEIGHT);
            if (weighted.isMap() && to != null && weight != null) {
                weights.add(new Step.Weighted(to, weight, weighted.pos()));
            }
        }
        Step.Adaptive adaptive = input.get("adaptive").filter(StepInput::isMap).map(RouteStep::adaptive)
                .orElse(null);
        return new Step.Route(List.copyOf(rules), List.copyOf(weights),
                input.get("key").map(StepInput::text).orElse(null), adaptive, input.itemPos());
    }

    private static Step.Adaptive adaptive(StepInput map) {
        List<String> targets = map.get("targets").map(StepInput::items).orElse(List.of()).stream()
                .map(StepInput::text).filter(java.util.Objects::nonNull).toList();
        return new Step.Adaptive(targets, map.read(UdlSpec.ADAPTIVE_SMOOTHING), map.read(UdlSpec.ADAPTIVE_EXPLORE),
                map.read(UdlSpec.ADAPTIVE_DOWN_AFTER), map.read(UdlSpec.ADAPTIVE_PROBE_AFTER), map.pos());
    }

    @Override
    public List<EndpointRef> targets(Step.Route r) {
        List<EndpointRef> targets = new ArrayList<>();
        r.rules().forEach(rule -> targets.add(new EndpointRef(rule.to(), Map.of(), rule.pos())));
        r.weights().forEach(w -> targets.add(new EndpointRef(w.to(), Map.of(), w.pos())));
        if (r.adaptive() != null) {
            r.adaptive().targets().forEach(t -> targets.add(new EndpointRef(t, Map.of(), r.adaptive().pos())));
        }
        return targets;
    }

    @Override
    public void check(Step.Route r, StepChecks checks) {
        targets(r).forEach(checks::useAsTarget);
        if (r.adaptive() != null) {
            if (!r.rules().isEmpty() || !r.weights().isEmpty()) {
                checks.problems().add(UdlMessages.conflictingKeys(r.adaptive().pos(), "adaptive",
                        r.rules().isEmpty() ? "weights" : "rules", "an adaptive route step chooses by "
                                + "measurement alone: put rules in a choose before it, drop weights"));
            } else if (r.adaptive().targets().size() < 2) {
                checks.problems().add(UdlMessages.tooFewTargets(r.adaptive().pos(), "adaptive routing", 2,
                        r.adaptive().targets().size()));
            }
        } else if (r.rules().isEmpty() && r.weights().isEmpty()) {
            checks.problems().add(UdlMessages.emptyBranch(r.pos()));
        }
        if (r.key() != null) {
            try {
                CelToRules.fieldPath(r.key());
            } catch (IllegalArgumentException e) {
                checks.problems().add(UdlMessages.badFieldPath(r.pos(), "key", e.getMessage()));
            }
        }
        r.rules().stream().filter(rule -> CelToRules.conditions(rule.when().source()).isEmpty())
                .forEach(rule -> checks.problems().add(UdlMessages.routeRuleNotSimple(rule.when().pos())));
    }

    @Override
    public UdmSchema checkExpressions(Step.Route r, UdmSchema scope, ExpressionScope expressions) {
        for (Step.RouteRule rule : r.rules()) {
            expressions.condition(rule.when(), scope, "when");
        }
        return scope;
    }

    @Override
    public ProcessorDefinition<?> compile(Step.Route r, StepCompilation compilation, ProcessorDefinition<?> block) {
        if (r.adaptive() != null) {
            adaptive(r.adaptive(), compilation, block);
            return block;
        }
        // the routing engine picks a target; a plain choice on its decision delivers there
        RuleTable table = EngineChoose.table(r);
        String engine = compilation.route().engine();
        block.to(EngineChoose.uri(engine == null ? "auto" : engine, table));
        ChoiceDefinition choice = block.choice();
        for (String target : table.targets()) {
            choice.when(new SimpleExpression("${header." + EngineChoose.DECISION_HEADER + "} == '" + target + "'"));
            compilation.call(new EndpointRef(target, Map.of(), r.pos()), choice);
        }
        choice.end();
        return block;
    }

    private static void adaptive(Step.Adaptive adaptive, StepCompilation compilation, ProcessorDefinition<?> block) {
        String route = compilation.route().name();
        String name = compilation.context().uniqueName("adaptive-" + route);
        compilation.context().addBean(name, AdaptiveLoadBalancer.class, Map.of(
                "route", route,
                "targets", String.join(",", adaptive.targets()),
                "smoothing", String.valueOf(adaptive.smoothing()),
                "explore", String.valueOf(adaptive.explore()),
                "downAfter", String.valueOf(adaptive.downAfter()),
                "probeAfterMillis", String.valueOf(adaptive.probeAfter().toMillis())));
        LoadBalanceDefinition balance = block.loadBalance().custom(name);
        for (String target : adaptive.targets()) {
            compilation.recordedCall(new EndpointRef(target, Map.of(), adaptive.pos()), balance);
        }
        balance.end();
    }
}
