package io.unikernal.udm.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a message body against a {@link UdmSchema}. The schema is translated once into a JSON Schema
 * (draft 2020-12, see {@link #jsonSchema(UdmSchema)}) and validated by networknt's json-schema-validator; the
 * compiled validator is cached per schema. Thread-safe.
 *
 * <p>Rules: a required field must be present and non-null; an optional field may be absent or null; undeclared
 * members are allowed. Run {@link UdmMigrator#migrate(UdmSchema, Map)} first so old field names and number
 * types are brought up to date.
 */
public final class UdmSchemaValidator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true) // 2020-12 treats "format" as an annotation unless asked
            .build();
    private static final Map<UdmSchema, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private UdmSchemaValidator() {
    }

    /**
     * Validates {@code body} and returns its violations, ordered by path; empty when valid.
     */
    public static List<Violation> validate(UdmSchema schema, Map<String, ?> body) {
        JsonSchema compiled = CACHE.computeIfAbsent(schema, s -> FACTORY.getSchema(jsonSchema(s), CONFIG));
        Set<ValidationMessage> messages = compiled.validate(toNode(body));
        List<Violation> out = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            out.add(toViolation(schema, m));
        }
        out.sort(Comparator.comparing(Violation::path).thenComparing(Violation::code));
        return out;
    }

    /** Validates any body value; a body that is not a JSON object is one {@link Violation.Code#NOT_AN_OBJECT}. */
    @SuppressWarnings("unchecked")
    public static List<Violation> validateBody(UdmSchema schema, Object body) {
        if (body instanceof Map<?, ?> map) {
            return validate(schema, (Map<String, ?>) map);
        }
        return List.of(new Violation("", Violation.Code.NOT_AN_OBJECT, "body: must be an object for schema '"
                + schema.name() + "', was " + describe(body)));
    }

    /** The JSON Schema (draft 2020-12) equivalent of {@code schema}. */
    public static ObjectNode jsonSchema(UdmSchema schema) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", schema.name() + " v" + schema.version());
        root.put("type", "object");
        ObjectNode props = root.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (UdmField f : schema.fields()) {
            props.set(f.name(), fieldSchema(f));
            if (f.required()) {
                required.add(f.name());
            }
        }
        if (!required.isEmpty()) {
            root.set("required", required);
        }
        root.put("additionalProperties", true);
        return root;
    }

    private static ObjectNode fieldSchema(UdmField f) {
        ObjectNode s = NODES.objectNode();
        String json = switch (f.type()) {
            case STRING, TIMESTAMP -> "string";
            case INT -> "integer";
            case DOUBLE, DECIMAL -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
            case ANY -> null;
        };
        if (json != null) {
            if (f.required()) {
                s.put("type", json);
            } else {
                s.putArray("type").add(json).add("null");
            }
        }
        if (f.type() == FieldType.TIMESTAMP) {
            s.put("format", "date-time");
        }
        if (lowest(f) != null) {
            s.put("minimum", lowest(f));
        }
        if (highest(f) != null) {
            s.put("maximum", highest(f));
        }
        if (f.pattern() != null) {
            s.put("pattern", f.pattern());
        }
        if (!f.enumValues().isEmpty()) {
            ArrayNode e = s.putArray("enum");
            f.enumValues().forEach(v -> e.add(toNode(v)));
            if (!f.required()) {
                e.addNull();
            }
        }
        if (f.description() != null) {
            s.put("description", f.description());
        }
        return s;
    }

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The field's own minimum; for an int, never below what a 64-bit integer (and a bigint column) holds. */
    private static BigDecimal lowest(UdmField f) {
        if (f.type() != FieldType.INT) {
            return f.min();
        }
        return f.min() == null ? INT_MIN : f.min().max(INT_MIN);
    }

    private static BigDecimal highest(UdmField f) {
        if (f.type() != FieldType.INT) {
            return f.max();
        }
        return f.max() == null ? INT_MAX : f.max().min(INT_MAX);
    }

    private static Violation toViolation(UdmSchema schema, ValidationMessage m) {
        String path = path(m.getInstanceLocation().toString());
        JsonNode value = m.getInstanceNode();
        String keyword = m.getType();
        if ("required".equals(keyword)) {
            String field = join(path, m.getProperty());
            return new Violation(field, Violation.Code.REQUIRED, field + ": is required");
        }
        UdmField field = path.isEmpty() ? null : schema.fieldsByName().get(path);
        String was = ", was " + describe(value);
        return switch (keyword) {
            case "type" -> value == null || value.isNull() && field != null && field.required()
                    ? new Violation(path, Violation.Code.REQUIRED, path + ": is required, was null")
                    : new Violation(path, Violation.Code.TYPE, path + ": must be "
                            + (field == null ? "of type " + m.getArguments()[1] : article(field.type())) + was);
            case "minimum" -> new Violation(path, Violation.Code.MINIMUM, path + ": must be >= "
                    + (field != null && lowest(field) != null ? lowest(field).toPlainString() : m.getArguments()[0]) + was);
            case "maximum" -> new Violation(path, Violation.Code.MAXIMUM, path + ": must be <= "
                    + (field != null && highest(field) != null ? highest(field).toPlainString() : m.getArguments()[0]) + was);
            case "pattern" -> new Violation(path, Violation.Code.PATTERN, path + ": must match '"
                    + (field != null ? field.pattern() : m.getArguments()[0]) + "'" + was);
            case "enum" -> new Violation(path, Violation.Code.ENUM, path + ": must be one of "
                    + (field != null ? field.enumValues().stream().map(UdmSchemaValidator::describe).toList() : m.getArguments()[0]) + was);
            case "format" -> new Violation(path, Violation.Code.FORMAT, path
                    + ": must be an ISO-8601 date-time such as 2026-01-31T10:15:30Z" + was);
            default -> new Violation(path, Violation.Code.OTHER, (path.isEmpty() ? "body" : path) + ": " + m.getMessage());
        };
    }

    private static String article(FieldType t) {
        return switch (t) {
            case INT -> "an int";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case ANY -> "any value";
            default -> "a " + t.udlName();
        };
    }

    /** {@code $.items[2].sku} → {@code items[2].sku}. */
    private static String path(String instanceLocation) {
        if (instanceLocation.isEmpty() || instanceLocation.equals("$")) {
            return "";
        }
        return instanceLocation.startsWith("$.") ? instanceLocation.substring(2) : instanceLocation.substring(1);
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    /** A value as a violation shows it: JSON-ish, and shortened, so a huge value does not flood the reply. */
    private static String describe(Object value) {
        String text = describeFully(value);
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }

    private static final int SHOWN = 60;

    private static String describeFully(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonNode n) {
            return n.isTextual() ? "'" + n.textValue() + "'" : n.toString();
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value instanceof Map ? "an object" : value instanceof List ? "an array" : String.valueOf(value);
    }

    static JsonNode toNode(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof String s) {
            return NODES.textNode(s);
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        } else if (v instanceof java.math.BigInteger i) {
            return NODES.numberNode(i); // exact: an int beyond 64 bits must fail the int range, not pass as a double
        } else if (v instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        } else if (v instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            map.forEach((k, x) -> o.set(String.valueOf(k), toNode(x)));
            return o;
        } else if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            list.forEach(x -> a.add(toNode(x)));
            return a;
        }
        return NODES.textNode(String.valueOf(v));
    }
}
