package io.unikernal.example.extending;

import io.unikernal.spi.step.StepChecks;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code mask: {fields: [card], keep: 4}}: replaces every character of the listed body fields but the last
 * {@code keep} with '*' ({@link MaskProcessor}), e.g. before a message is logged or sent on.
 */
public final class MaskStep implements StepKind<MaskStep.Mask> {

    /** The model of one mask step. */
    public record Mask(List<String> fields, int keep, SourcePos pos) implements Step {
    }

    /** A field listed twice: the user most likely meant another field. */
    static final ProblemCode FIELD_TWICE = new PluginProblemCode("MASK", 1,
            "a mask step lists the same field twice");

    static final Option<Object> FIELDS = Option.of("fields", ValueKind.STRING_LIST).required()
            .description("The body fields to mask.").example("[card, iban]");
    static final Option<Integer> KEEP = Option.integer("keep").range(0, 16).defaultValue(4)
            .description("How many characters at the end stay readable.").example("4");

    private static final Shape.Struct SHAPE = new Shape.Struct("mask", "mask step",
            "Masks body fields: every character but the last `keep` becomes '*'.",
            List.of(FIELDS.key(), KEEP.key()), false);
    private static final UdlKey KEY = UdlKey.of("mask", SHAPE, SHAPE.description(), "{fields: [card], keep: 4}");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Mask> modelType() {
        return Mask.class;
    }

    @Override
    public Mask bind(StepInput input) {
        if (!input.isMap()) {
            return null;
        }
        List<String> fields = input.get(FIELDS.name()).map(StepInput::items).orElse(List.of()).stream()
                .map(StepInput::text).filter(Objects::nonNull).toList();
        return new Mask(fields, input.read(KEEP), input.itemPos());
    }

    @Override
    public void check(Mask step, StepChecks checks) {
        Set<String> seen = new HashSet<>();
        for (String field : step.fields()) {
            if (!seen.add(field)) {
                checks.problems().add(UdlError.error(FIELD_TWICE, step.pos(), "mask lists field '" + field
                        + "' twice", "list each field once"));
            }
        }
    }

    @Override
    public ProcessorDefinition<?> compile(Mask step, StepCompilation compilation, ProcessorDefinition<?> block) {
        String name = compilation.context().uniqueName("mask-" + compilation.route().name());
        compilation.context().addBean(name, MaskProcessor.class,
                List.of(String.join(",", step.fields()), String.valueOf(step.keep())), java.util.Map.of());
        block.process(name);
        return block;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(FIELD_TWICE);
    }
}
