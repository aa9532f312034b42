package io.unikernal.udl.parse;

import io.unikernal.plugins.Language;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.FieldDecl;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.ReplyDecl;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SchemaDecl;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.TestDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.UdlSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns a node tree into the UDL model. Lenient by design: {@link ShapeChecker} has already reported every shape
 * problem, so a value of the wrong shape is simply left out here (null, or not added), which lets the semantic
 * checks still run on the rest of the file.
 */
final class ModelBuilder {

    private final String file;
    private final Language language;

    ModelBuilder(String file, Language language) {
        this.file = file;
        this.language = language;
    }

    UdlDocument build(MappingNode root) {
        Long udl = integer(Nodes.value(root, "udl"));
        Map<String, SystemDecl> systems = new LinkedHashMap<>();
        for (NodeTuple t : tuples(Nodes.value(root, "systems"))) {
            if (t.getValueNode() instanceof MappingNode map) {
                String name = Nodes.keyText(t);
                systems.putIfAbsent(name, system(name, pos(t.getKeyNode()), map));
            }
        }
        Map<String, SchemaDecl> schemas = new LinkedHashMap<>();
        for (NodeTuple t : tuples(Nodes.value(root, "schemas"))) {
            if (t.getValueNode() instanceof MappingNode map) {
                String name = Nodes.keyText(t);
                schemas.putIfAbsent(name, schema(name, pos(t.getKeyNode()), map));
            }
        }
        List<RouteDecl> routes = new ArrayList<>();
        for (Node item : items(Nodes.value(root, "routes"))) {
            if (item instanceof MappingNode map) {
                routes.add(route(map));
            }
        }
        List<TestDecl> tests = new ArrayList<>();
        for (Node item : items(Nodes.value(root, "tests"))) {
            if (item instanceof MappingNode map) {
                tests.add(test(map));
            }
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        for (SectionKind<?> kind : language.sectionKinds().all()) {
            NodeTuple tuple = Nodes.entries(root).get(kind.name());
            if (tuple != null && !Nodes.isNull(tuple.getValueNode())) {
                Object model = kind.bind(new NodeInput(this, tuple.getValueNode(), pos(tuple.getKeyNode())));
                if (model != null) {
                    sections.put(kind.name(), model);
                }
            }
        }
        return new UdlDocument(file, udl == null ? 0 : udl.intValue(), string(Nodes.value(root, "name")),
                Collections.unmodifiableMap(systems), Collections.unmodifiableMap(schemas), List.copyOf(routes),
                List.copyOf(tests), Collections.unmodifiableMap(sections));
    }

    private SystemDecl system(String name, SourcePos pos, MappingNode map) {
        Node adapter = Nodes.value(map, UdlSpec.SYSTEM_ADAPTER.name());
        return new SystemDecl(name, string(adapter), options(map, UdlSpec.SYSTEM_ADAPTER.name()), pos,
                adapter == null ? pos : pos(adapter));
    }

    private Map<String, OptionValue> options(MappingNode map, String except) {
        Map<String, OptionValue> options = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = Nodes.keyText(t);
            // an empty value is a shape error (reported) or, for an any-value option, the same as leaving it out
            if (!key.equals(except) && !Nodes.isNull(t.getValueNode())) {
                options.putIfAbsent(key, new OptionValue(Nodes.toJava(t.getValueNode()), pos(t.getValueNode())));
            }
        }
        return Collections.unmodifiableMap(options);
    }

    private SchemaDecl schema(String name, SourcePos pos, MappingNode map) {
        Integer version = Nodes.read(map, UdlSpec.SCHEMA_VERSION);
        Map<String, FieldDecl> fields = new LinkedHashMap<>();
        for (NodeTuple t : tuples(Nodes.value(map, "fields"))) {
            if (t.getValueNode() instanceof MappingNode f) {
                String field = Nodes.keyText(t);
                fields.putIfAbsent(field, field(field, pos(t.getKeyNode()), f));
            }
        }
        return new SchemaDecl(name, version, Collections.unmodifiableMap(fields),
                pos);
    }

    private FieldDecl field(String name, SourcePos pos, MappingNode map) {
        Node enumNode = Nodes.value(map, "enum");
        List<Object> enumValues = enumNode instanceof SequenceNode seq
                ? Collections.unmodifiableList(new ArrayList<>((List<?>) Nodes.toJava(seq))) : List.of();
        Node defaultNode = Nodes.value(map, "default");
        return new FieldDecl(name, string(Nodes.value(map, "type")), bool(Nodes.value(map, "required")),
                decimal(Nodes.value(map, "min")), decimal(Nodes.value(map, "max")),
                string(Nodes.value(map, "pattern")), enumValues, string(Nodes.value(map, "renamedFrom")),
                defaultNode == null ? null : Nodes.toJava(defaultNode), string(Nodes.value(map, "description")), pos);
    }

    private RouteDecl route(MappingNode map) {
        List<EndpointRef> from = endpoints(Nodes.value(map, "from"));
        List<EndpointRef> deadLetter = endpoints(Nodes.value(map, "deadLetter"));
        Node reply = Nodes.value(map, "reply");
        return new RouteDecl(string(Nodes.value(map, "name")), string(Nodes.value(map, "description")),
                from.size() == 1 ? from.get(0) : null, steps(Nodes.value(map, "steps")),
                reply instanceof MappingNode r ? reply(r) : null,
                deadLetter.size() == 1 ? deadLetter.get(0) : null,
                Nodes.value(map, "policy") instanceof MappingNode p ? new PolicyBuilder(file).policy(p) : null,
                string(Nodes.value(map, "engine")), pos(map));
    }

    private ReplyDecl reply(MappingNode map) {
        Long status = integer(Nodes.value(map, "status"));
        Map<String, Expr> headers = new LinkedHashMap<>();
        for (NodeTuple t : tuples(Nodes.value(map, "headers"))) {
            Expr value = expr(t.getValueNode());
            if (value != null) {
                headers.putIfAbsent(Nodes.keyText(t), value);
            }
        }
        return new ReplyDecl(status == null ? null : status.intValue(), expr(Nodes.value(map, "body")),
                Collections.unmodifiableMap(headers), pos(map));
    }

    /** The endpoints a from/to/deadLetter value names: one, several (a fan-out), or none when malformed. */
    List<EndpointRef> endpoints(Node node) {
        List<EndpointRef> refs = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(item -> {
                if (!(item instanceof SequenceNode)) {
                    refs.addAll(endpoints(item));
                }
            });
        } else if (node instanceof ScalarNode s && !Nodes.isNull(s)) {
            // any scalar names a system (`from: 0` is the system "0", reported as unknown), never a route without one
            refs.add(new EndpointRef(s.getValue(), Map.of(), pos(s)));
        } else if (node instanceof MappingNode map
                && Nodes.value(map, UdlSpec.ENDPOINT_SYSTEM.name()) instanceof ScalarNode s && !Nodes.isNull(s)) {
            Map<String, OptionValue> options = new LinkedHashMap<>(options(map, UdlSpec.ENDPOINT_SYSTEM.name()));
            options.remove(UdlSpec.ENDPOINT_POLICY.name());
            PolicyDecl policy = Nodes.value(map, UdlSpec.ENDPOINT_POLICY.name()) instanceof MappingNode p
                    ? new PolicyBuilder(file).policy(p) : null;
            refs.add(new EndpointRef(s.getValue(), Collections.unmodifiableMap(options), policy, pos(s)));
        }
        return refs;
    }

    /** The steps of a list, each bound by its kind; a step whose kind is unknown or that is malformed is left out. */
    List<Step> steps(Node node) {
        List<Step> steps = new ArrayList<>();
        for (Node item : items(node)) {
            if (item instanceof MappingNode map && map.getValue().size() == 1) {
                NodeTuple t = map.getValue().get(0);
                StepKind<?> kind = language.stepKinds().get(Nodes.keyText(t));
                Step step = kind == null ? null : kind.bind(new NodeInput(this, t.getValueNode(), pos(map)));
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        return List.copyOf(steps);
    }

    private TestDecl test(MappingNode map) {
        Node input = Nodes.value(map, "input");
        Object body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        if (input instanceof MappingNode in) {
            Node b = Nodes.value(in, "body");
            body = b == null ? null : Nodes.toJava(b);
            for (NodeTuple t : tuples(Nodes.value(in, "headers"))) {
                String v = string(t.getValueNode());
                if (v != null) {
                    headers.putIfAbsent(Nodes.keyText(t), v);
                }
            }
        }
        Node expectNode = Nodes.value(map, "expect");
        TestDecl.Expectation expect = expectNode instanceof MappingNode e ? expectation(e)
                : new TestDecl.Expectation(null, null, Map.of(), null, pos(map));
        return new TestDecl(string(Nodes.value(map, "name")), string(Nodes.value(map, "route")), body,
                Collections.unmodifiableMap(headers), expect, pos(map));
    }

    private TestDecl.Expectation expectation(MappingNode map) {
        Node body = Nodes.value(map, "body");
        Long status = integer(Nodes.value(map, "status"));
        Map<String, List<Object>> sent = new LinkedHashMap<>();
        for (NodeTuple t : tuples(Nodes.value(map, "sent"))) {
            if (t.getValueNode() instanceof SequenceNode seq) {
                @SuppressWarnings("unchecked")
                List<Object> bodies = (List<Object>) Nodes.toJava(seq);
                sent.putIfAbsent(Nodes.keyText(t), Collections.unmodifiableList(bodies));
            }
        }
        Node dead = Nodes.value(map, "deadLetter");
        return new TestDecl.Expectation(body == null ? null : Nodes.toJava(body),
                status == null ? null : status.intValue(), Collections.unmodifiableMap(sent),
                dead instanceof ScalarNode d && Tag.BOOL.equals(d.getTag()) ? bool(d) : null, pos(map));
    }

    // ---- lenient scalar readers

    Expr expr(Node node) {
        if (!(node instanceof ScalarNode s) || Nodes.isNull(s)) {
            return null;
        }
        return new Expr(s.getValue(), Nodes.contentPos(file, s), Nodes.columnsExact(s));
    }

    private static String string(Node node) {
        return node instanceof ScalarNode s && !Nodes.isNull(s) ? s.getValue() : null;
    }

    private static Long integer(Node node) {
        return node instanceof ScalarNode s && Nodes.scalar(s) instanceof Long l ? l : null;
    }

    private static boolean bool(Node node) {
        return node instanceof ScalarNode s && Boolean.TRUE.equals(Nodes.scalar(s));
    }

    private static BigDecimal decimal(Node node) {
        return node instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))
                ? Nodes.decimal(s) : null;
    }

    private static List<NodeTuple> tuples(Node node) {
        return node instanceof MappingNode map ? map.getValue() : List.of();
    }

    private static List<Node> items(Node node) {
        return node instanceof SequenceNode seq ? seq.getValue() : List.of();
    }

    SourcePos pos(Node node) {
        return Nodes.pos(file, node);
    }
}
