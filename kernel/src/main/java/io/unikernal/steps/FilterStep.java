package io.unikernal.steps;

import io.unikernal.spi.step.ExpressionScope;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.Shape.Value;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import io.unikernal.udm.schema.UdmSchema;
import org.apache.camel.model.ProcessorDefinition;

/** {@code filter: "expr"}: a message for which the condition is false ends the route here, normally. */
public final class FilterStep implements StepKind<Step.Filter> {

    private static final UdlKey KEY = UdlKey.of("filter", Value.of(ValueKind.EXPRESSION), "A CEL condition; messages "
            + "for which it is false end the route here (normally, not as failures).", "\"amount > 0\"");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.Filter> modelType() {
        return Step.Filter.class;
    }

    @Override
    public Step.Filter bind(StepInput input) {
        Expr condition = input.expression();
        return condition == null ? null : new Step.Filter(condition, input.itemPos());
    }

    @Override
    public UdmSchema checkExpressions(Step.Filter step, UdmSchema scope, ExpressionScope expressions) {
        expressions.condition(step.condition(), scope, "filter");
        return scope;
    }

    /** The rest of the route goes inside the filter: false means "stop here". */
    @Override
    public ProcessorDefinition<?> compile(Step.Filter step, StepCompilation compilation,
            ProcessorDefinition<?> block) {
        return block.filter(compilation.cel(step.condition().source()));
    }
}
