package io.unikernal.steps;

import io.unikernal.runtime.ValidateProcessor;
import io.unikernal.spi.step.ExpressionScope;
import io.unikernal.spi.step.StepChecks;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.Shape.Value;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import io.unikernal.udm.schema.UdmSchema;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;

/** {@code validate: Order}: checks the body against a schema, migrating older versions first. */
public final class ValidateStep implements StepKind<Step.Validate> {

    private static final UdlKey KEY = UdlKey.of("validate", Value.of(ValueKind.SCHEMA_REF), "Checks the body against "
            + "a schema (migrating older versions first); invalid messages go to the dead-letter destination.",
            "Order");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.Validate> modelType() {
        return Step.Validate.class;
    }

    @Override
    public Step.Validate bind(StepInput input) {
        return input.isScalar() && !(input.toJava() instanceof Number) && !(input.toJava() instanceof Boolean)
                ? new Step.Validate(input.text(), input.itemPos(), input.pos()) : null;
    }

    @Override
    public void check(Step.Validate step, StepChecks checks) {
        if (step.schema() != null && !checks.document().schemas().containsKey(step.schema())) {
            checks.problems().add(UdlMessages.unknownSchema(step.schemaPos(), step.schema(),
                    checks.document().schemas().keySet()));
        }
    }

    @Override
    public UdmSchema checkExpressions(Step.Validate step, UdmSchema scope, ExpressionScope expressions) {
        return expressions.schema(step.schema());
    }

    @Override
    public ProcessorDefinition<?> compile(Step.Validate step, StepCompilation compilation,
            ProcessorDefinition<?> block) {
        String name = "validate-" + step.schema();
        compilation.context().addBean(name, ValidateProcessor.class, Map.of("spec",
                StepSpecs.schemaJson(compilation.context().document().schemas().get(step.schema()))));
        block.process(name);
        return block;
    }
}
