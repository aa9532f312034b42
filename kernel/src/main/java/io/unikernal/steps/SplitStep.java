package io.unikernal.steps;

import io.unikernal.spi.step.ExpressionScope;
import io.unikernal.spi.step.StepChecks;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.UdlSpec;
import io.unikernal.udm.schema.UdmSchema;
import io.unikernal.runtime.SplitElementMark;
import io.unikernal.runtime.SplitListCheck;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.model.language.ExchangePropertyExpression;

/** {@code split: {by, steps, parallel}}: runs the steps once per element of a list, optionally a few at once. */
public final class SplitStep implements StepKind<Step.Split> {

    private static final UdlKey KEY = UdlKey.of("split", UdlSpec.SPLIT, UdlSpec.SPLIT.description(),
            "{by: items, steps: [{to: lines}]}");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.Split> modelType() {
        return Step.Split.class;
    }

    @Override
    public Step.Split bind(StepInput input) {
        if (!input.isMap()) {
            return null;
        }
        Expr by = input.get("by").map(StepInput::expression).orElse(null);
        return by == null ? null : new Step.Split(by, input.get("steps").map(StepInput::steps).orElse(List.of()),
                input.read(UdlSpec.SPLIT_PARALLEL), input.itemPos());
    }

    @Override
    public List<List<Step>> children(Step.Split step) {
        return List.of(step.steps());
    }

    @Override
    public void check(Step.Split step, StepChecks checks) {
        if (step.steps().isEmpty()) {
            checks.problems().add(UdlMessages.emptyBranch(step.pos()));
        }
    }

    /** Each element is a new body, whose schema is not known. */
    @Override
    public UdmSchema checkExpressions(Step.Split step, UdmSchema scope, ExpressionScope expressions) {
        expressions.value(step.by(), scope);
        expressions.steps(step.steps(), null);
        return scope;
    }

    @Override
    public ProcessorDefinition<?> compile(Step.Split s, StepCompilation compilation, ProcessorDefinition<?> block) {
        // the expression's value is checked to be a list first: Camel's split would take a map's entries, cut a text
        // at its commas and run no element for null, silently
        String check = compilation.context().uniqueName(compilation.route().name() + "-split-list");
        compilation.context().addBean(check, SplitListCheck.class, List.of(s.by().source()), Map.of());
        compilation.context().addBean("split-element", SplitElementMark.class, Map.of());
        block.setProperty(SplitListCheck.LIST, compilation.cel(s.by().source()));
        block.process(check);
        SplitDefinition split = block.split(new ExchangePropertyExpression(SplitListCheck.LIST));
        if (s.parallel() != null) {
            // a thread pool profile of exactly this many threads; synchronous so that async producers too stay within
            // it (Camel's split would otherwise hand off and start more)
            String pool = SplitPools.declare(compilation.context(), compilation.route().name(), s.parallel());
            split.parallelProcessing().synchronous().executorService(pool);
        }
        // each element keeps itself and its index for the dead letter, should it fail
        split.process("split-element");
        compilation.steps(s.steps(), split);
        split.end();
        block.removeProperty(SplitListCheck.LIST);
        return block;
    }
}
