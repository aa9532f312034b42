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
import java.util.List;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.SplitDefinition;

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
        SplitDefinition split = block.split(compilation.cel(s.by().source()));
        if (s.parallel() != null) {
            // a thread pool profile of exactly this many threads; synchronous so that async producers too stay within
            // it (Camel's split would otherwise hand off and start more)
            String pool = SplitPools.declare(compilation.context(), compilation.route().name(), s.parallel());
            split.parallelProcessing().synchronous().executorService(pool);
        }
        compilation.steps(s.steps(), split);
        split.end();
        return block;
    }
}
