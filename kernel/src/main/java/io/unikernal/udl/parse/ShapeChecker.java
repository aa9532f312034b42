package io.unikernal.udl.parse;

import io.unikernal.plugins.Adapters;
import io.unikernal.plugins.Language;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.error.DidYouMean;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.Shape.Endpoint;
import io.unikernal.udl.spec.Shape.ListOf;
import io.unikernal.udl.spec.Shape.NamedMap;
import io.unikernal.udl.spec.Shape.Role;
import io.unikernal.udl.spec.Shape.Struct;
import io.unikernal.udl.spec.Shape.Value;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.UdlSpec;
import io.unikernal.udl.spec.UnsupportedSystems;
import io.unikernal.udl.spec.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Checks a node tree against the {@link UdlSpec} shapes and the installed adapters' option declarations: unknown,
 * missing and not-yet keys, value kinds, allowed values, names, durations, literal secrets. Spec-driven: nothing
 * here knows a UDL key by name except the branch rules of {@code choose}.
 */
final class ShapeChecker {

    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h|d)");

    private final String file;
    private final Adapters adapters;
    private final Language language;
    private final Problems problems;
    private final boolean allowLiteralSecrets;
    private final Map<String, String> adapterOfSystem = new HashMap<>();
    private final List<Runnable> endpointOptionChecks = new ArrayList<>();

    ShapeChecker(String file, Adapters adapters, Language language, Problems problems, boolean allowLiteralSecrets) {
        this.file = file;
        this.adapters = adapters;
        this.language = language;
        this.problems = problems;
        this.allowLiteralSecrets = allowLiteralSecrets;
    }

    void check(MappingNode root) {
        checkStruct(root, language.document(), "the file");
        // the options of a use need the adapter of its system, known once every system was read (and repaired)
        endpointOptionChecks.forEach(Runnable::run);
    }

    private void check(Node node, Shape shape, String key, String example) {
        Shape resolved = language.resolve(shape);
        if (resolved instanceof Value v) {
            checkValue(node, v, key, example, false);
        } else if (resolved instanceof Struct s) {
            if (node instanceof MappingNode map) {
                checkStruct(map, s, s.title());
            } else {
                wrongType(node, key, s.oneKey() ? "a map with one step kind" : "a map", example);
            }
        } else if (resolved instanceof NamedMap m) {
            checkNamedMap(node, m, key, example);
        } else if (resolved instanceof ListOf l) {
            if (node instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                    check(item, l.item(), key + " item", null);
                }
            } else {
                wrongType(node, key, "a list", example);
            }
        } else if (resolved instanceof Shape.SystemEntry) {
            checkSystem(node, key);
        } else if (resolved instanceof Endpoint e) {
            checkEndpoint(node, e, key, example);
        } else {
            throw new IllegalStateException("unresolved " + resolved);
        }
    }

    private void checkStruct(MappingNode map, Struct struct, String where) {
        Set<String> present = new HashSet<>();
        List<String> kinds = new ArrayList<>();
        boolean unknownStep = false;
        for (NodeTuple t : List.copyOf(map.getValue())) {
            String name = Nodes.keyText(t);
            SourcePos keyPos = Nodes.pos(file, t.getKeyNode());
            UdlKey key = struct.key(name).orElse(null);
            if (key == null) {
                if (struct.oneKey()) {
                    problems.add(UdlMessages.unknownStep(keyPos, name, struct.usableKeyNames()));
                    unknownStep = true;
                } else {
                    problems.add(UdlMessages.unknownKey(keyPos, name, where, struct.usableKeyNames()));
                }
                key = NearMiss.repair(map, t, struct.usableKeyNames()).flatMap(struct::key).orElse(null);
                if (key == null) {
                    continue;
                }
                name = key.name();
            }
            present.add(name);
            if (key.isNotSupportedYet()) {
                problems.add(UdlMessages.notSupportedYet(keyPos, name, key.notYetHint()));
                continue;
            }
            if (!kinds.contains(name)) {
                kinds.add(name);
            }
            check(t.getValueNode(), key.shape(), name, key.example());
        }
        SourcePos mapPos = Nodes.pos(file, map);
        if (struct.oneKey()) {
            if (kinds.isEmpty() && !unknownStep) {
                problems.add(UdlMessages.stepWithoutKind(mapPos, struct.usableKeyNames()));
            } else if (kinds.size() > 1) {
                problems.add(UdlMessages.stepWithSeveralKinds(mapPos, kinds));
            }
            return;
        }
        for (UdlKey key : struct.keys()) {
            if (key.required() && !present.contains(key.name())) {
                if (key.missingCode() == UdlErrorCode.BAD_UDL_VERSION) {
                    problems.add(UdlMessages.missingUdlVersion(mapPos));
                } else {
                    problems.add(UdlMessages.missingKey(mapPos, describe(map, struct), key.name(), key.description(),
                            key.example()));
                }
            }
        }
        if (struct == UdlSpec.BRANCH) {
            checkBranch(map, present, mapPos);
        }
    }

    /** "route 'ingest'" when the map has a name, else the struct's title. */
    private static String describe(MappingNode map, Struct struct) {
        if (struct.key("name").isPresent() && Nodes.value(map, "name") instanceof ScalarNode n && !Nodes.isNull(n)) {
            return struct.title() + " '" + n.getValue() + "'";
        }
        return struct.title();
    }

    private void checkBranch(MappingNode map, Set<String> present, SourcePos mapPos) {
        if (present.contains("when") && present.contains("otherwise")) {
            problems.add(UdlMessages.conflictingKeys(keyPos(map, "otherwise"), "when", "otherwise",
                    "put otherwise in its own, last item of choose"));
        } else if (!present.contains("when") && !present.contains("otherwise")) {
            problems.add(UdlMessages.missingKey(mapPos, "choose branch", "when",
                    UdlSpec.BRANCH.key("when").orElseThrow().description(), "\"amount > 1000\""));
        } else if (present.contains("when") && !present.contains("to") && !present.contains("steps")) {
            problems.add(UdlMessages.emptyBranch(mapPos));
        } else if (present.contains("otherwise") && (present.contains("to") || present.contains("steps"))) {
            String other = present.contains("to") ? "to" : "steps";
            problems.add(UdlMessages.conflictingKeys(keyPos(map, other), "otherwise", other,
                    "list the steps of the default branch under otherwise"));
        }
    }

    private SourcePos keyPos(MappingNode map, String key) {
        return Nodes.pos(file, Nodes.entries(map).get(key).getKeyNode());
    }

    private void checkNamedMap(Node node, NamedMap shape, String key, String example) {
        if (!(node instanceof MappingNode map)) {
            wrongType(node, key, "a map of " + shape.entryTitle() + " names", example);
            return;
        }
        for (NodeTuple t : map.getValue()) {
            String name = Nodes.keyText(t);
            if (!shape.nameRule().accepts(name)) {
                problems.add(UdlMessages.badName(Nodes.pos(file, t.getKeyNode()), shape.entryTitle() + " name", name,
                        shape.nameRule().rule()));
            }
            check(t.getValueNode(), shape.value(), name, null);
        }
    }

    private void checkSystem(Node node, String name) {
        if (!(node instanceof MappingNode map)) {
            wrongType(node, name, "a map with 'adapter' and the adapter's options", "{adapter: http, port: 8080}");
            return;
        }
        String adapterKey = UdlSpec.SYSTEM_ADAPTER.name();
        Node adapterNode = Nodes.value(map, adapterKey);
        if (adapterNode == null) {
            NodeTuple misspelt = map.getValue().stream()
                    .filter(t -> DidYouMean.closest(Nodes.keyText(t), List.of(adapterKey)).isPresent())
                    .findFirst().orElse(null);
            if (misspelt == null) {
                problems.add(UdlMessages.missingKey(Nodes.pos(file, map), "system '" + name + "'", adapterKey,
                        UdlSpec.SYSTEM_ADAPTER.description(), UdlSpec.SYSTEM_ADAPTER.example()));
                return;
            }
            problems.add(UdlMessages.unknownKey(Nodes.pos(file, misspelt.getKeyNode()), Nodes.keyText(misspelt),
                    "system '" + name + "'", List.of(adapterKey), "a system names its adapter with 'adapter', "
                            + "e.g. adapter: " + UdlSpec.SYSTEM_ADAPTER.example()));
            NearMiss.repair(map, misspelt, List.of(adapterKey));
            adapterNode = misspelt.getValueNode();
        }
        if (!(adapterNode instanceof ScalarNode a) || Nodes.isNull(a)) {
            wrongType(adapterNode, "adapter", "an adapter name", UdlSpec.SYSTEM_ADAPTER.example());
            return;
        }
        adapterOfSystem.put(name, a.getValue());
        Adapter adapter = adapters.get(a.getValue());
        if (adapter == null) {
            problems.add(UnsupportedSystems.find(a.getValue())
                    .map(u -> UdlMessages.unsupportedAdapter(Nodes.pos(file, a), a.getValue(), u.title(), u.why(),
                            u.needed()))
                    .orElseGet(() -> UdlMessages.unknownAdapter(Nodes.pos(file, a), a.getValue(),
                            adapters.all().keySet())));
            return;
        }
        checkOptions(map, adapter, adapter.systemOptions(), List.of(UdlSpec.SYSTEM_ADAPTER.name()), "", name);
        checkRequired(map, adapter.systemOptions(), "system '" + name + "'");
    }

    private void checkEndpoint(Node node, Endpoint shape, String key, String example) {
        if (node instanceof SequenceNode seq && shape.manyTargets()) {
            if (seq.getValue().isEmpty()) {
                wrongType(node, key, "a system name or a non-empty list of systems", example);
            }
            for (Node item : seq.getValue()) {
                if (item instanceof SequenceNode) {
                    wrongType(item, key + " item", "a system name or a map with 'system'", "db");
                } else {
                    checkEndpoint(item, new Endpoint(shape.role(), false), key, example);
                }
            }
            return;
        }
        if (node instanceof ScalarNode s) {
            if (Nodes.isNull(s)) {
                wrongType(node, key, "a system name", example);
            }
            return;
        }
        if (!(node instanceof MappingNode map)) {
            wrongType(node, key, "a system name or a map with 'system'", example);
            return;
        }
        Node systemNode = Nodes.value(map, UdlSpec.ENDPOINT_SYSTEM.name());
        if (systemNode == null) {
            problems.add(UdlMessages.missingKey(Nodes.pos(file, map), "'" + key + "'", "system",
                    UdlSpec.ENDPOINT_SYSTEM.description(), UdlSpec.ENDPOINT_SYSTEM.example()));
            return;
        }
        if (!(systemNode instanceof ScalarNode s) || Nodes.isNull(s)) {
            wrongType(systemNode, "system", "a system name", "db");
            return;
        }
        endpointOptionChecks.add(() -> checkEndpointOptions(map, s.getValue(), shape, key));
    }

    private void checkEndpointOptions(MappingNode map, String system, Endpoint shape, String key) {
        String adapterName = adapterOfSystem.get(system);
        Adapter adapter = adapterName == null ? null : adapters.get(adapterName);
        if (adapter == null) {
            return; // an unknown system or adapter is reported once, elsewhere
        }
        List<Option<?>> options = shape.role() == Role.SOURCE ? Adapters.sourceOptions(adapter)
                : Adapters.targetOptions(adapter);
        List<String> kernelKeys = new ArrayList<>(List.of(UdlSpec.ENDPOINT_SYSTEM.name()));
        if (shape.role() == Role.TARGET) {
            // the policy is the kernel's, not an adapter option
            kernelKeys.add(UdlSpec.ENDPOINT_POLICY.name());
            Node policy = Nodes.value(map, UdlSpec.ENDPOINT_POLICY.name());
            if (policy != null) {
                check(policy, UdlSpec.ENDPOINT_POLICY.shape(), UdlSpec.ENDPOINT_POLICY.name(),
                        UdlSpec.ENDPOINT_POLICY.example());
            }
        }
        checkOptions(map, adapter, options, kernelKeys, key, system);
    }

    /** Checks the adapter options of a system or use; {@code kernelKeys} (adapter, system, policy) are not options. */
    private void checkOptions(MappingNode map, Adapter adapter, List<Option<?>> options, List<String> kernelKeys,
            String use, String system) {
        List<String> allowed = new ArrayList<>(kernelKeys);
        options.forEach(o -> allowed.add(o.name()));
        for (NodeTuple t : List.copyOf(map.getValue())) {
            String name = Nodes.keyText(t);
            if (kernelKeys.contains(name)) {
                continue;
            }
            Option<?> option = option(options, name);
            if (option == null) {
                problems.add(UdlMessages.unknownOption(Nodes.pos(file, t.getKeyNode()), name, adapter.name(), use,
                        allowed));
                option = NearMiss.repair(map, t, options.stream().map(Option::name).toList())
                        .map(meant -> option(options, meant)).orElse(null);
                if (option == null) {
                    continue;
                }
            }
            UdlKey key = option.key();
            checkValue(t.getValueNode(), (Value) key.shape(), key.name(), key.example(), true);
            if (key.secret() && t.getValueNode() instanceof ScalarNode sv && Tag.STR.equals(sv.getTag())
                    && !References.containsReference(sv.getValue())) {
                problems.add(UdlMessages.plainSecret(Nodes.pos(file, sv), key.name(), system, allowLiteralSecrets));
            }
            checkCompanions(map, t, key);
        }
    }

    /** The declared {@code requires} and {@code excludes} of a key present in {@code map}. */
    private void checkCompanions(MappingNode map, NodeTuple present, UdlKey key) {
        SourcePos pos = Nodes.pos(file, present.getKeyNode());
        String value = present.getValueNode() instanceof ScalarNode s ? s.getValue() : Nodes.describe(present.getValueNode());
        for (String needed : key.requires()) {
            if (Nodes.value(map, needed) == null) {
                problems.add(UdlMessages.optionRequires(Nodes.pos(file, present.getValueNode()), key.name(), value,
                        needed));
            }
        }
        for (String excluded : key.excludes()) {
            if (Nodes.value(map, excluded) != null) {
                problems.add(UdlMessages.conflictingKeys(pos, key.name(), excluded, "keep one of them"));
            }
        }
    }

    private static Option<?> option(List<Option<?>> options, String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }

    /** The required options of a system; those of a use (from, to) are checked on the model, for every form of use. */
    private void checkRequired(MappingNode map, List<Option<?>> options, String where) {
        for (Option<?> option : options) {
            UdlKey key = option.key();
            if (key.required() && Nodes.value(map, key.name()) == null) {
                problems.add(UdlMessages.missingKey(Nodes.pos(file, map), where, key.name(), key.description(),
                        key.example()));
            }
        }
    }

    private void checkValue(Node node, Value v, String key, String example, boolean referencesAllowed) {
        ValueKind kind = v.kind();
        if (kind == ValueKind.ANY) {
            return;
        }
        if (kind == ValueKind.STRING_LIST) {
            if (!(node instanceof SequenceNode seq)) {
                wrongType(node, key, "a list of strings", example);
                return;
            }
            seq.getValue().stream().filter(n -> !(n instanceof ScalarNode) || Nodes.isNull(n))
                    .forEach(n -> wrongType(n, key + " item", "a string", null));
            return;
        }
        if (kind == ValueKind.STRING_MAP) {
            if (!(node instanceof MappingNode map)) {
                wrongType(node, key, "a map of strings", example);
                return;
            }
            map.getValue().stream().map(NodeTuple::getValueNode)
                    .filter(n -> !(n instanceof ScalarNode) || Nodes.isNull(n))
                    .forEach(n -> wrongType(n, key, "a map of strings", example));
            return;
        }
        if (!(node instanceof ScalarNode s) || Nodes.isNull(node)) {
            wrongType(node, key, article(kind), example);
            return;
        }
        String text = s.getValue();
        Tag tag = s.getTag();
        if (!v.allowed().isEmpty() && !v.allowed().contains(text)) {
            SourcePos pos = Nodes.pos(file, s);
            switch (v.badValueCode()) {
                case BAD_UDL_VERSION -> problems.add(UdlMessages.badUdlVersion(pos, text));
                case UNKNOWN_FIELD_TYPE -> problems.add(UdlMessages.unknownFieldType(pos, text, v.allowed()));
                default -> problems.add(UdlMessages.badValue(v.badValueCode(), pos, key, text, v.allowed()));
            }
            return;
        }
        boolean reference = referencesAllowed && Tag.STR.equals(tag) && References.isWholeReference(text);
        boolean ok = switch (kind) {
            case INTEGER -> Tag.INT.equals(tag) || reference;
            case NUMBER -> Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) || reference;
            case BOOLEAN -> Tag.BOOL.equals(tag) || reference;
            case DURATION -> {
                if (!reference && !DURATION.matcher(text).matches()) {
                    problems.add(UdlMessages.badDuration(Nodes.pos(file, s), key, text));
                }
                yield true;
            }
            case SYSTEM_REF, SCHEMA_REF, ROUTE_REF -> Tag.STR.equals(tag);
            default -> true; // STRING and EXPRESSION take any scalar's text
        };
        if (!ok) {
            wrongType(node, key, article(kind), example);
            return;
        }
        // an adapter option's value that is not usable is the adapter's BAD_OPTION, whatever the declaration's kind
        if (v.range() != null && Nodes.scalar(s) instanceof Long n && (n < v.range().min() || n > v.range().max())) {
            problems.add(v.range().code() == UdlErrorCode.BAD_STATUS ? UdlMessages.badStatus(Nodes.pos(file, s), n)
                    : UdlMessages.outOfRange(referencesAllowed ? UdlErrorCode.BAD_OPTION : v.range().code(),
                            Nodes.pos(file, s), key, n, v.range().min(), v.range().max()));
            return;
        }
        if (v.pattern() != null && !References.containsReference(text) && !v.pattern().accepts(text)) {
            problems.add(UdlMessages.patternMismatch(referencesAllowed ? UdlErrorCode.BAD_OPTION
                    : v.badValueCode(), Nodes.pos(file, s), key, text, v.pattern().rule()));
            return;
        }
        if (!v.nameRule().accepts(text)) {
            problems.add(UdlMessages.badName(Nodes.pos(file, s), v.nameRule() == Shape.NameRule.FIELD ? "field name"
                    : "name", text, v.nameRule().rule()));
        }
    }

    private static String article(ValueKind kind) {
        return switch (kind) {
            case INTEGER -> "an integer";
            case BOOLEAN -> "true or false";
            case EXPRESSION -> "a CEL expression";
            case ANY -> "a value";
            default -> "a " + kind.label();
        };
    }

    private void wrongType(Node node, String key, String expected, String example) {
        problems.add(UdlMessages.wrongType(Nodes.pos(file, node), key, expected, Nodes.describe(node), example));
    }
}
