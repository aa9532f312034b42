package io.unikernal.kamelets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One property of a Kamelet's {@code spec.definition}: a JSON-Schema property with title, description, an optional
 * default, and the {@code x-descriptors} that tell Camel K and its UIs to treat a secret as a password.
 */
public record KameletProperty(String name, String title, String description, String type, String defaultValue,
        boolean required, boolean secret) {

    /** The descriptors Camel K's catalog uses for a secret property (the Kamelets catalog writes the same). */
    static final List<String> SECRET_DESCRIPTORS = List.of("urn:camel:group:credentials",
            "urn:alm:descriptor:com.tectonic.ui:password");

    public KameletProperty {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Kamelet property name '" + name + "' must be a letter then letters,"
                    + " digits or '_'");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
    }

    /** The JSON-Schema object under {@code spec.definition.properties.<name>}. */
    Map<String, Object> schema() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", title);
        out.put("description", description);
        out.put("type", type);
        if (secret) {
            out.put("format", "password");
        }
        if (defaultValue != null) {
            out.put("default", typedDefault());
        }
        if (secret) {
            out.put("x-descriptors", SECRET_DESCRIPTORS);
        }
        return out;
    }

    private Object typedDefault() {
        return switch (type) {
            case "integer" -> Long.parseLong(defaultValue);
            case "number" -> Double.parseDouble(defaultValue);
            case "boolean" -> Boolean.parseBoolean(defaultValue);
            default -> defaultValue;
        };
    }
}
