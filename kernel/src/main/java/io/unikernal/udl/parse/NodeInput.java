package io.unikernal.udl.parse;

import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** A YAML node as a step or section kind reads it, with the model builder's own lenient readers. */
final class NodeInput implements StepInput {

    private final ModelBuilder builder;
    private final Node node;
    private final SourcePos itemPos;

    NodeInput(ModelBuilder builder, Node node, SourcePos itemPos) {
        this.builder = builder;
        this.node = node;
        this.itemPos = itemPos;
    }

    @Override
    public SourcePos pos() {
        return builder.pos(node);
    }

    @Override
    public SourcePos itemPos() {
        return itemPos;
    }

    @Override
    public SourcePos keyPos(String key) {
        NodeTuple tuple = node instanceof MappingNode map ? Nodes.entries(map).get(key) : null;
        return tuple == null ? pos() : builder.pos(tuple.getKeyNode());
    }

    @Override
    public boolean isScalar() {
        return node instanceof ScalarNode && !Nodes.isNull(node);
    }

    @Override
    public boolean isMap() {
        return node instanceof MappingNode;
    }

    @Override
    public boolean isList() {
        return node instanceof SequenceNode;
    }

    @Override
    public String text() {
        return node instanceof ScalarNode s && !Nodes.isNull(s) ? s.getValue() : null;
    }

    @Override
    public Expr expression() {
        return builder.expr(node);
    }

    @Override
    public Optional<StepInput> get(String key) {
        Node value = node instanceof MappingNode map ? Nodes.value(map, key) : null;
        return value == null || Nodes.isNull(value) ? Optional.empty()
                : Optional.of(new NodeInput(builder, value, builder.pos(value)));
    }

    @Override
    public List<String> keys() {
        return node instanceof MappingNode map ? map.getValue().stream().map(Nodes::keyText).toList() : List.of();
    }

    @Override
    public List<StepInput> items() {
        return node instanceof SequenceNode seq ? seq.getValue().stream()
                .<StepInput>map(item -> new NodeInput(builder, item, builder.pos(item))).toList() : List.of();
    }

    @Override
    public <T> T read(Option<T> option) {
        return Nodes.read(node instanceof MappingNode map ? map : null, option);
    }

    @Override
    public List<Step> steps() {
        return builder.steps(node);
    }

    @Override
    public List<EndpointRef> endpoints() {
        return builder.endpoints(node);
    }

    @Override
    public Object toJava() {
        return node == null ? null : Nodes.toJava(node);
    }
}
