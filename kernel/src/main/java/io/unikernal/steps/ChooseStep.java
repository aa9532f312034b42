package io.unikernal.steps;

import io.unikernal.routing.RuleTable;
import io.unikernal.spi.step.ExpressionScope;
import io.unikernal.spi.step.StepChecks;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.Shape.ListOf;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.UdlSpec;
import io.unikernal.udm.schema.UdmSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.SimpleExpression;

/**
 * {@code choose: [{when, steps|to}, ..., {otherwise}]}: content-based routing; the first branch whose condition holds
 * runs. On a route with an {@code engine}, conditions that are simple field tests are decided by the routing engine.
 */
public final class ChooseStep implements StepKind<Step.Choose> {

    private static final UdlKey KEY = UdlKey.of("choose", new ListOf(UdlSpec.BRANCH), "Content-based routing: the "
            + "first branch whose condition holds runs; then the route continues.",
            "[{when: \"amount > 1000\", to: review}, {otherwise: [{to: db}]}]");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.Choose> modelType() {
        return Step.Choose.class;
    }

    @Override
    public Step.Choose bind(StepInput input) {
        if (!input.isList()) {
            return null;
        }
        List<Step.When> whens = new ArrayList<>();
        List<Step> otherwise = null;
        for (StepInput branch : input.items()) {
            if (!branch.isMap()) {
                continue;
            }
            Expr condition = branch.get("when").map(StepInput::expression).orElse(null);
            Optional<StepInput> otherwiseSteps = branch.get("otherwise");
            if (condition != null) {
                List<Step> steps = new ArrayList<>(branch.get("steps").map(StepInput::steps).orElse(List.of()));
                List<EndpointRef> targets = branch.get("to").map(StepInput::endpoints).orElse(List.of());
                if (!targets.isEmpty()) {
                    steps.add(new Step.To(List.copyOf(targets), branch.keyPos("to")));
                }
                whens.add(new Step.When(condition, List.copyOf(steps), branch.pos()));
            } else if (otherwiseSteps.isPresent() && otherwise == null) {
                otherwise = otherwiseSteps.get().steps();
            } else if (branch.keys().contains("otherwise") && otherwise == null) {
                otherwise = List.of();
            }
        }
        return new Step.Choose(List.copyOf(whens), otherwise == null ? List.of() : otherwise, input.itemPos());
    }

    @Override
    public List<List<Step>> children(Step.Choose step) {
        List<List<Step>> lists = new ArrayList<>();
        step.whens().forEach(w -> lists.add(w.steps()));
        lists.add(step.otherwise());
        return lists;
    }

    @Override
    public void check(Step.Choose step, StepChecks checks) {
        if (checks.route().engine() != null && EngineChoose.table(step).isEmpty()) {
            checks.problems().add(UdlMessages.engineFallback(step.pos(), checks.route().name(),
                    checks.route().engine()));
        }
    }

    @Override
    public UdmSchema checkExpressions(Step.Choose step, UdmSchema scope, ExpressionScope expressions) {
        for (Step.When w : step.whens()) {
            expressions.condition(w.condition(), scope, "when");
            expressions.steps(w.steps(), scope);
        }
        expressions.steps(step.otherwise(), scope);
        return scope;
    }

    @Override
    public ProcessorDefinition<?> compile(Step.Choose c, StepCompilation compilation, ProcessorDefinition<?> block) {
        String engine = compilation.route().engine();
        Optional<RuleTable> rules = engine == null ? Optional.empty() : EngineChoose.table(c);
        ChoiceDefinition choice;
        if (rules.isPresent()) {
            // the routing engine decides; a plain choice on its decision takes the branch
            block.to(EngineChoose.uri(engine, rules.get()));
            choice = block.choice();
            for (int i = 0; i < c.whens().size(); i++) {
                choice.when(new SimpleExpression("${header." + EngineChoose.DECISION_HEADER + "} == '"
                        + EngineChoose.branch(i) + "'"));
                compilation.steps(c.whens().get(i).steps(), choice);
            }
        } else {
            choice = block.choice();
            for (Step.When when : c.whens()) {
                choice.when(compilation.cel(when.condition().source()));
                compilation.steps(when.steps(), choice);
            }
        }
        if (c.otherwise() != null && !c.otherwise().isEmpty()) {
            choice.otherwise();
            compilation.steps(c.otherwise(), choice);
        }
        choice.end();
        return block;
    }
}
