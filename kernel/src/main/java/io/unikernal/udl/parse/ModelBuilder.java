package io.unikernal.udl.parse;

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

    ModelBuilder(String file) {
        this.file = file;
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
        return new UdlDocument(file, udl == null ? 0 : udl.intValue(), string(Nodes.value(root, "name")),
                Collections.unmodifiableMap(systems), Collections.unmodifiableMap(schemas), List.copyOf(routes),
                List.copyOf(tests));
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
        Long version = integer(Nodes.value(map, "version"));
        Map<String, FieldDecl> fields = new LinkedHashMap<>();
        for (NodeTuple t : tuples(Nodes.value(map, "fields"))) {
            if (t.getValueNode() instanceof MappingNode f) {
                String field = Nodes.keyText(t);
                fields.putIfAbsent(field, field(field, pos(t.getKeyNode()), f));
            }
        }
        return new SchemaDecl(name, version == null ? 1 : version.intValue(), Collections.unmodifiableMap(fields),
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
    private List<EndpointRef> endpoints(Node node) {
        List<EndpointRef> refs = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(item -> {
                if (!(item instanceof SequenceNode)) {
                    refs.addAll(endpoints(item));
                }
            });
        } else if (node instanceof ScalarNode s && Tag.STR.equals(s.getTag())) {
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

    private List<Step> steps(Node node) {
        List<Step> steps = new ArrayList<>();
        for (Node item : items(node)) {
            if (item instanceof MappingNode map && map.getValue().size() == 1) {
                NodeTuple t = map.getValue().get(0);
                Step step = step(Nodes.keyText(t), t.getValueNode(), pos(map));
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        return List.copyOf(steps);
    }

    private Step step(String kind, Node value, SourcePos pos) {
        switch (kind) {
            case "validate":
                return value instanceof ScalarNode s && Tag.STR.equals(s.getTag())
                        ? new Step.Validate(s.getValue(), pos, pos(s)) : null;
            case "transform":
                return value instanceof MappingNode map ? transform(map, pos) : null;
            case "filter": {
                Expr condition = expr(value);
                return condition == null ? null : new Step.Filter(condition, pos);
            }
            case "choose":
                return value instanceof SequenceNode seq ? choose(seq, pos) : null;
            case "split": {
                if (!(value instanceof MappingNode map)) {
                    return null;
                }
                Expr by = expr(Nodes.value(map, "by"));
                Long parallel = integer(Nodes.value(map, "parallel"));
                return by == null ? null : new Step.Split(by, steps(Nodes.value(map, "steps")),
                        parallel == null || parallel < 1 || parallel > 1000 ? null : parallel.intValue(), pos);
            }
            case "fanOut": {
                if (!(value instanceof MappingNode map)) {
                    return null;
                }
                List<EndpointRef> targets = endpoints(Nodes.value(map, "to"));
                String join = string(Nodes.value(map, "join"));
                Long quorum = integer(Nodes.value(map, "quorum"));
                return targets.isEmpty() ? null : new Step.FanOut(List.copyOf(targets),
                        join == null || !List.of("all", "first", "quorum").contains(join) ? "all" : join,
                        quorum == null || quorum < 1 || quorum > 1000 ? null : quorum.intValue(),
                        io.unikernal.udl.notation.Durations.parse(string(Nodes.value(map, "timeout"))), pos);
            }
            case "to": {
                List<EndpointRef> targets = endpoints(value);
                return targets.isEmpty() ? null : new Step.To(List.copyOf(targets), pos);
            }
            case "log": {
                Expr text = expr(value);
                return text == null ? null : new Step.Log(text, pos);
            }
            case "route":
                return value instanceof MappingNode map ? routeStep(map, pos) : null;
            default:
                return null;
        }
    }

    private Step.Route routeStep(MappingNode map, SourcePos pos) {
        List<Step.RouteRule> rules = new ArrayList<>();
        for (Node item : items(Nodes.value(map, "rules"))) {
            if (item instanceof MappingNode rule) {
                Expr when = expr(Nodes.value(rule, "when"));
                String to = string(Nodes.value(rule, "to"));
                if (when != null && to != null) {
                    rules.add(new Step.RouteRule(when, to, pos(rule)));
                }
            }
        }
        List<Step.Weighted> weights = new ArrayList<>();
        for (Node item : items(Nodes.value(map, "weights"))) {
            if (item instanceof MappingNode weighted) {
                String to = string(Nodes.value(weighted, "to"));
                Long weight = integer(Nodes.value(weighted, "weight"));
                if (to != null && weight != null && weight > 0 && weight <= 1_000_000) {
                    weights.add(new Step.Weighted(to, weight.intValue(), pos(weighted)));
                }
            }
        }
        Step.Adaptive adaptive = Nodes.value(map, "adaptive") instanceof MappingNode a ? adaptive(a) : null;
        return new Step.Route(List.copyOf(rules), List.copyOf(weights), string(Nodes.value(map, "key")), adaptive,
                pos);
    }

    private Step.Adaptive adaptive(MappingNode map) {
        List<String> targets = new ArrayList<>();
        for (Node item : items(Nodes.value(map, "targets"))) {
            String target = string(item);
            if (target != null) {
                targets.add(target);
            }
        }
        java.time.Duration probeAfter = io.unikernal.udl.notation.Durations.parse(string(Nodes.value(map, "probeAfter")));
        return new Step.Adaptive(List.copyOf(targets), intOr(map, "smoothing", 30), intOr(map, "explore", 5),
                intOr(map, "downAfter", 3), probeAfter == null ? java.time.Duration.ofSeconds(5) : probeAfter, pos(map));
    }

    private int intOr(MappingNode map, String key, int fallback) {
        Long value = integer(Nodes.value(map, key));
        return value == null || value > Integer.MAX_VALUE ? fallback : value.intValue();
    }

    private Step.Transform transform(MappingNode map, SourcePos pos) {
        Map<String, Expr> set = new LinkedHashMap<>();
        for (NodeTuple t : tuples(Nodes.value(map, "set"))) {
            Expr e = expr(t.getValueNode());
            if (e != null) {
                set.putIfAbsent(Nodes.keyText(t), e);
            }
        }
        List<String> remove = new ArrayList<>();
        for (Node item : items(Nodes.value(map, "remove"))) {
            String s = string(item);
            if (s != null) {
                remove.add(s);
            }
        }
        Map<String, String> rename = new LinkedHashMap<>();
        for (NodeTuple t : tuples(Nodes.value(map, "rename"))) {
            String to = string(t.getValueNode());
            if (to != null) {
                rename.putIfAbsent(Nodes.keyText(t), to);
            }
        }
        return new Step.Transform(Collections.unmodifiableMap(set), List.copyOf(remove),
                Collections.unmodifiableMap(rename), pos);
    }

    private Step.Choose choose(SequenceNode seq, SourcePos pos) {
        List<Step.When> whens = new ArrayList<>();
        List<Step> otherwise = null;
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode branch)) {
                continue;
            }
            Node otherwiseNode = Nodes.value(branch, "otherwise");
            Expr condition = expr(Nodes.value(branch, "when"));
            if (condition != null) {
                List<Step> steps = new ArrayList<>(steps(Nodes.value(branch, "steps")));
                Node to = Nodes.value(branch, "to");
                List<EndpointRef> targets = endpoints(to);
                if (!targets.isEmpty()) {
                    steps.add(new Step.To(List.copyOf(targets), pos(Nodes.entries(branch).get("to").getKeyNode())));
                }
                whens.add(new Step.When(condition, List.copyOf(steps), pos(branch)));
            } else if (otherwiseNode != null && otherwise == null) {
                otherwise = steps(otherwiseNode);
            }
        }
        return new Step.Choose(List.copyOf(whens), otherwise == null ? List.of() : otherwise, pos);
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

    private Expr expr(Node node) {
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

    private SourcePos pos(Node node) {
        return Nodes.pos(file, node);
    }
}
