package io.unikernal.steps;

import io.unikernal.runtime.TransformProcessor;
import io.unikernal.spi.step.ExpressionScope;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.UdlSpec;
import io.unikernal.udm.schema.FieldType;
import io.unikernal.udm.schema.UdmField;
import io.unikernal.udm.schema.UdmSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;

/** {@code transform: {set, remove, rename}}: changes the body's fields, in the order rename, set, remove. */
public final class TransformStep implements StepKind<Step.Transform> {

    private static final UdlKey KEY = UdlKey.of("transform", UdlSpec.TRANSFORM, UdlSpec.TRANSFORM.description(),
            "{set: {total: \"amount * 1.2\"}}");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.Transform> modelType() {
        return Step.Transform.class;
    }

    @Override
    public Step.Transform bind(StepInput input) {
        if (!input.isMap()) {
            return null;
        }
        Map<String, Expr> set = new LinkedHashMap<>();
        input.get("set").ifPresent(map -> map.keys().forEach(field -> map.get(field).map(StepInput::expression)
                .ifPresent(e -> set.putIfAbsent(field, e))));
        List<String> remove = new ArrayList<>();
        input.get("remove").ifPresent(list -> list.items().stream().map(StepInput::text)
                .filter(java.util.Objects::nonNull).forEach(remove::add));
        Map<String, String> rename = new LinkedHashMap<>();
        input.get("rename").ifPresent(map -> map.keys().forEach(field -> map.get(field).map(StepInput::text)
                .ifPresent(to -> rename.putIfAbsent(field, to))));
        return new Step.Transform(Collections.unmodifiableMap(set), List.copyOf(remove),
                Collections.unmodifiableMap(rename), input.itemPos());
    }

    @Override
    public UdmSchema checkExpressions(Step.Transform t, UdmSchema scope, ExpressionScope expressions) {
        Map<String, UdmField> fields = new LinkedHashMap<>();
        if (scope != null) {
            scope.fields().forEach(f -> fields.put(f.name(), f));
            t.rename().forEach((from, to) -> {
                UdmField f = fields.remove(from);
                fields.put(to, f == null ? dyn(to) : withName(f, to));
            });
        }
        t.set().values().forEach(e -> expressions.value(e, scope == null ? null : rebuild(scope, fields)));
        if (scope == null) {
            return null;
        }
        t.set().keySet().forEach(name -> fields.put(name, dyn(name)));
        t.remove().forEach(fields::remove);
        return rebuild(scope, fields);
    }

    private static UdmField dyn(String name) {
        return UdmField.builder(name, FieldType.ANY).build();
    }

    private static UdmField withName(UdmField f, String name) {
        return new UdmField(name, f.type(), f.required(), f.min(), f.max(), f.pattern(), f.enumValues(), null,
                f.defaultValue(), f.description());
    }

    private static UdmSchema rebuild(UdmSchema scope, Map<String, UdmField> fields) {
        UdmSchema.Builder b = UdmSchema.builder(scope.name(), scope.version());
        fields.values().forEach(f -> b.field(withName(f, f.name())));
        return b.build();
    }

    @Override
    public ProcessorDefinition<?> compile(Step.Transform step, StepCompilation compilation,
            ProcessorDefinition<?> block) {
        String name = compilation.context().uniqueName("transform");
        compilation.context().addBean(name, TransformProcessor.class, Map.of("spec", StepSpecs.transformJson(step)));
        block.process(name);
        return block;
    }
}
