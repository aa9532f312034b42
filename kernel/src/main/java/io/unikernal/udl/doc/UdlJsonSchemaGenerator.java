package io.unikernal.udl.doc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.plugins.Adapters;
import io.unikernal.plugins.Language;
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
import io.unikernal.udl.spec.ValueKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the JSON Schema (draft 2020-12) of UDL from {@link UdlSpec} and the installed adapters' option
 * declarations, for editors (completion, hover text) and for checking files outside the JVM. Each system entry has
 * one {@code if adapter == X then ...} block listing X's options.
 */
public final class UdlJsonSchemaGenerator {

    public static final String SCHEMA_ID = "https://unikernal.io/schemas/udl-8.schema.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String DURATION_REGEX = "^[0-9]+(ms|s|m|h|d)$";

    private final Adapters adapters;
    private final Language language;

    public UdlJsonSchemaGenerator(Adapters adapters) {
        this(adapters, Language.installed());
    }

    public UdlJsonSchemaGenerator(Adapters adapters, Language language) {
        this.adapters = adapters;
        this.language = language;
    }

    public ObjectNode generate() {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", SCHEMA_ID);
        root.put("title", "UDL v" + UdlSpec.VERSION);
        root.put("description", "Unikernal Definition Language. Generated from the UDL spec and the installed "
                + "adapters by io.unikernal.udl.doc.UdlJsonSchemaGenerator; do not edit.");
        root.setAll(struct(language.document()));
        ObjectNode defs = root.putObject("$defs");
        language.definitions().forEach((id, shape) -> defs.set(id, shape(shape)));
        defs.set("system", system());
        defs.set("source", endpoint(Role.SOURCE));
        defs.set("target", endpoint(Role.TARGET));
        return root;
    }

    /** The schema as pretty-printed JSON with '\n' line ends and a final newline. */
    public String generateText() {
        try {
            String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(generate());
            return text.replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the UDL JSON Schema", e);
        }
    }

    private ObjectNode shape(Shape shape) {
        if (shape instanceof Value v) {
            return value(v, false);
        }
        if (shape instanceof Struct s) {
            return struct(s);
        }
        if (shape instanceof NamedMap m) {
            ObjectNode node = JSON.objectNode().put("type", "object");
            if (m.nameRule().regex() != null) {
                node.putObject("propertyNames").put("pattern", "^" + m.nameRule().regex() + "$");
            }
            node.set("additionalProperties", shape(m.value()));
            return node;
        }
        if (shape instanceof ListOf l) {
            ObjectNode node = JSON.objectNode().put("type", "array");
            node.set("items", shape(l.item()));
            return node;
        }
        if (shape instanceof Shape.Ref r) {
            return JSON.objectNode().put("$ref", "#/$defs/" + r.id());
        }
        if (shape instanceof Shape.SystemEntry) {
            return JSON.objectNode().put("$ref", "#/$defs/system");
        }
        Endpoint e = (Endpoint) shape;
        String ref = "#/$defs/" + (e.role() == Role.SOURCE ? "source" : "target");
        if (!e.manyTargets()) {
            return JSON.objectNode().put("$ref", ref);
        }
        ObjectNode node = JSON.objectNode();
        ArrayNode anyOf = node.putArray("anyOf");
        anyOf.addObject().put("$ref", ref);
        ObjectNode list = anyOf.addObject().put("type", "array").put("minItems", 1);
        list.putObject("items").put("$ref", ref);
        return node;
    }

    private ObjectNode struct(Struct s) {
        ObjectNode node = JSON.objectNode().put("type", "object").put("description", s.description());
        ObjectNode properties = node.putObject("properties");
        List<String> required = new ArrayList<>();
        for (UdlKey key : s.keys()) {
            properties.set(key.name(), key(key));
            if (key.required()) {
                required.add(key.name());
            }
        }
        if (!required.isEmpty()) {
            ArrayNode r = node.putArray("required");
            required.forEach(r::add);
        }
        node.put("additionalProperties", false);
        if (s.oneKey()) {
            node.put("minProperties", 1).put("maxProperties", 1);
        }
        return node;
    }

    private ObjectNode key(UdlKey key) {
        if (key.isNotSupportedYet()) {
            ObjectNode node = JSON.objectNode();
            node.put("description", "Not supported yet: " + key.description() + " Meanwhile: " + key.notYetHint());
            node.putObject("not");
            return node;
        }
        ObjectNode node = shape(key.shape());
        node.put("description", described(key.description(), key.name(), key.example()));
        putDefault(node, key.defaultValue());
        return node;
    }

    private static String described(String description, String name, String example) {
        return example == null ? description : description + " Example: " + name + ": " + example;
    }

    private static void putDefault(ObjectNode node, Object value) {
        if (value instanceof Integer i) {
            node.put("default", i);
        } else if (value instanceof Long l) {
            node.put("default", l);
        } else if (value instanceof Boolean b) {
            node.put("default", b);
        } else if (value instanceof Number n) {
            node.put("default", n.doubleValue());
        } else if (value != null) {
            node.put("default", String.valueOf(value));
        }
    }

    /** The schema of a value; adapter options also take a whole ${env:...}/${secret:...} reference as text. */
    private ObjectNode value(Value v, boolean option) {
        ObjectNode node = JSON.objectNode();
        ValueKind kind = v.kind();
        switch (kind) {
            case INTEGER -> {
                node.put("type", "integer");
                if (v.range() != null) {
                    node.put("minimum", v.range().min());
                    if (v.range().max() != Integer.MAX_VALUE && v.range().max() != Long.MAX_VALUE) {
                        node.put("maximum", v.range().max());
                    }
                }
                if (!v.allowed().isEmpty()) {
                    ArrayNode e = node.putArray("enum");
                    v.allowed().forEach(a -> e.add(Long.parseLong(a)));
                }
            }
            case NUMBER -> node.put("type", "number");
            case BOOLEAN -> node.put("type", "boolean");
            case DURATION -> node.put("type", "string").put("pattern", DURATION_REGEX);
            case EXPRESSION -> {
                ArrayNode types = node.putArray("type");
                types.add("string").add("number").add("boolean");
            }
            case STRING_LIST -> node.put("type", "array").putObject("items").put("type", "string");
            case STRING_MAP -> {
                node.put("type", "object");
                node.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
            }
            case ANY -> {
            }
            default -> {
                node.put("type", "string");
                if (!v.allowed().isEmpty()) {
                    ArrayNode e = node.putArray("enum");
                    v.allowed().forEach(e::add);
                }
                if (v.nameRule().regex() != null) {
                    node.put("pattern", "^" + v.nameRule().regex() + "$");
                }
                if (v.pattern() != null) {
                    node.put("pattern", "^(?:" + v.pattern().regex().pattern() + ")$");
                }
            }
        }
        boolean textual = kind == ValueKind.STRING || kind == ValueKind.ANY || kind == ValueKind.STRING_LIST
                || kind == ValueKind.STRING_MAP || kind == ValueKind.EXPRESSION;
        if (option && (!textual || v.pattern() != null)) {
            ObjectNode either = JSON.objectNode();
            ArrayNode anyOf = either.putArray("anyOf");
            anyOf.add(node);
            // a pattern checks the text as written, unless it holds a reference (known only at run time)
            anyOf.addObject().put("type", "string").put("pattern", v.pattern() != null ? CONTAINS_REFERENCE_REGEX
                    : References.WHOLE_REFERENCE_REGEX);
            return either;
        }
        return node;
    }

    /** A text holding a ${env:...} or ${secret:...} reference anywhere. */
    private static final String CONTAINS_REFERENCE_REGEX = "\\$\\{(env|secret):";

    private ObjectNode option(Option<?> option) {
        UdlKey key = option.key();
        ObjectNode node = value((Value) key.shape(), true);
        node.put("description", described(key.description(), key.name(), key.example())
                + (key.secret() ? " Write it as ${secret:NAME} or ${env:NAME}." : ""));
        putDefault(node, key.defaultValue());
        return node;
    }

    private ObjectNode system() {
        ObjectNode node = JSON.objectNode().put("type", "object")
                .put("description", "A system: 'adapter' names the adapter, the other keys are its options.");
        ObjectNode adapterKey = node.putObject("properties").putObject("adapter");
        adapterKey.put("description", UdlSpec.SYSTEM_ADAPTER.description());
        ArrayNode names = adapterKey.putArray("enum");
        adapters.all().keySet().forEach(names::add);
        node.putArray("required").add("adapter");
        ArrayNode allOf = node.putArray("allOf");
        for (Adapter adapter : adapters.all().values()) {
            ObjectNode block = allOf.addObject();
            ObjectNode cond = block.putObject("if");
            cond.putObject("properties").putObject("adapter").put("const", adapter.name());
            cond.putArray("required").add("adapter");
            ObjectNode then = block.putObject("then");
            then.put("description", adapter.info().description());
            ObjectNode props = then.putObject("properties");
            props.putObject("adapter").put("description", adapter.info().description());
            List<String> required = new ArrayList<>();
            for (Option<?> option : adapter.systemOptions()) {
                props.set(option.name(), option(option));
                if (option.key().required()) {
                    required.add(option.name());
                }
            }
            if (!required.isEmpty()) {
                ArrayNode r = then.putArray("required");
                required.forEach(r::add);
            }
            then.put("additionalProperties", false);
        }
        return node;
    }

    /** A bare system name, or {system: x, ...} with the union of the options adapters allow in this role. */
    private ObjectNode endpoint(Role role) {
        Map<String, List<String>> descriptions = new LinkedHashMap<>();
        Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        for (Adapter adapter : adapters.all().values()) {
            List<Option<?>> options = role == Role.SOURCE ? Adapters.sourceOptions(adapter)
                    : Adapters.targetOptions(adapter);
            for (Option<?> option : options) {
                ObjectNode schema = option(option);
                schema.remove("description");
                schema.remove("default");
                ObjectNode previous = schemas.putIfAbsent(option.name(), schema);
                if (previous != null && !previous.equals(schema)) {
                    schemas.put(option.name(), JSON.objectNode());
                }
                descriptions.computeIfAbsent(option.name(), k -> new ArrayList<>())
                        .add(adapter.name() + ": " + option.key().description());
            }
        }
        ObjectNode node = JSON.objectNode();
        node.put("description", role == Role.SOURCE
                ? "The system a route consumes from: its name, or {system: name, ...source options}."
                : "A system to send to: its name, or {system: name, ...target options}.");
        ArrayNode anyOf = node.putArray("anyOf");
        anyOf.addObject().put("type", "string").put("description", "A system name.");
        ObjectNode map = anyOf.addObject().put("type", "object");
        ObjectNode props = map.putObject("properties");
        props.putObject("system").put("type", "string").put("description", UdlSpec.ENDPOINT_SYSTEM.description());
        if (role == Role.TARGET) {
            props.set(UdlSpec.ENDPOINT_POLICY.name(), key(UdlSpec.ENDPOINT_POLICY));
        }
        schemas.forEach((name, schema) -> {
            schema.put("description", String.join("; ", descriptions.get(name)));
            props.set(name, schema);
        });
        map.putArray("required").add("system");
        map.put("additionalProperties", false);
        return node;
    }
}
