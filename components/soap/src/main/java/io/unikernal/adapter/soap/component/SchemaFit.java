package io.unikernal.adapter.soap.component;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a JSON body fits an operation's element as the WSDL's schema declares it, before anything is sent: a key
 * the element's type does not declare, a list for an element that does not repeat, an object or a non-number for a
 * number, a non-boolean for a boolean. What the schema walk does not know ({@link XmlShape}: an extension, a
 * wildcard, a type with no declared children, attributes) is not judged here; the service judges it.
 */
public final class SchemaFit {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private SchemaFit() {
    }

    /** What does not fit, one sentence per problem naming its path ({@code order.line[1].sku}); empty when it fits. */
    public static List<String> problems(JsonNode body, SoapOperation.Message message) {
        List<String> problems = new ArrayList<>();
        check(body, message.shape(), message.element().getLocalPart(), problems);
        return problems;
    }

    private static void check(JsonNode value, XmlShape shape, String path, List<String> problems) {
        if (value == null || value.isNull() || shape == XmlShape.UNTYPED) {
            return;
        }
        switch (shape.kind()) {
            case OBJECT -> fields(value, shape, path, problems);
            case INTEGER -> {
                if (!(value.isIntegralNumber() || value.isTextual() && INTEGER.matcher(value.asText().strip())
                        .matches())) {
                    problems.add(path + " is an integer (" + describe(value) + " given)");
                }
            }
            case NUMBER -> {
                if (!(value.isNumber() || value.isTextual() && isDecimal(value.asText().strip()))) {
                    problems.add(path + " is a number (" + describe(value) + " given)");
                }
            }
            case BOOLEAN -> {
                if (!(value.isBoolean() || value.isTextual() && List.of("true", "false", "1", "0")
                        .contains(value.asText().strip()))) {
                    problems.add(path + " is a boolean (" + describe(value) + " given)");
                }
            }
            default -> {
                if (value.isContainerNode()) {
                    problems.add(path + " is text (" + describe(value) + " given)");
                }
            }
        }
    }

    private static void fields(JsonNode value, XmlShape shape, String path, List<String> problems) {
        if (!value.isObject()) {
            if (!shape.children().isEmpty()) {
                problems.add(path + " is an object of " + String.join(", ", shape.children().keySet()) + " ("
                        + describe(value) + " given)");
            }
            return;
        }
        if (shape.children().isEmpty()) {
            return; // a type the walk could not read (or one without children): not judged
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (key.startsWith("@") || key.equals("#text")) {
                continue; // attributes and mixed text: the schema walk does not describe them
            }
            XmlShape child = shape.children().get(key);
            String where = path + "." + key;
            if (child == null) {
                problems.add(path + " has no field " + key + " (its fields: " + String.join(", ",
                        shape.children().keySet()) + ")");
            } else if (field.getValue().isArray()) {
                if (!child.repeated()) {
                    problems.add(where + " does not repeat (a list given)");
                    continue;
                }
                for (int i = 0; i < field.getValue().size(); i++) {
                    check(field.getValue().get(i), child, where + "[" + i + "]", problems);
                }
            } else {
                check(field.getValue(), child, where, problems);
            }
        }
    }

    private static boolean isDecimal(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(JsonNode value) {
        return value.isObject() ? "an object" : value.isArray() ? "a list" : value.isTextual() ? "text"
                : value.isBoolean() ? "a boolean" : value.isNumber() ? "a number" : value.getNodeType().toString();
    }
}
