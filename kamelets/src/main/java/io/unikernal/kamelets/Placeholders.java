package io.unikernal.kamelets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the compiler's property placeholders into Kamelet parameters: {@code {{env:NAME:default}}} becomes
 * {@code {{NAME}}} with that default, {@code {{secret:NAME}}} becomes {@code {{NAME}}}, a secret without a default.
 * Walks a YAML tree (maps, lists, text) and collects what it found, in order of first use.
 */
final class Placeholders {

    /** {@code {{env:NAME}}}, {@code {{env:NAME:default}}} or {@code {{secret:NAME}}}. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{(env|secret):([A-Za-z][A-Za-z0-9_]*)(?::([^}]*))?}}");

    /** Any placeholder {@code {{...}}}: what a Kamelet's template may hold only for a declared property. */
    static final Pattern ANY = Pattern.compile("\\{\\{([^}]*)}}");

    /** One parameter found: its name, its default (null: none) and whether it came from a secret reference. */
    record Found(String name, String defaultValue, boolean secret) {
    }

    private final Map<String, Found> found = new LinkedHashMap<>();

    /** The tree with every reference rewritten. */
    Object rewrite(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), rewrite(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(rewrite(v)));
            return out;
        }
        if (node instanceof String text) {
            return rewrite(text);
        }
        return node;
    }

    private String rewrite(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean secret = m.group(1).equals("secret");
            String name = m.group(2);
            found.putIfAbsent(name, new Found(name, secret ? null : m.group(3), secret));
            m.appendReplacement(out, Matcher.quoteReplacement("{{" + name + "}}"));
        }
        m.appendTail(out);
        return out.toString();
    }

    List<Found> found() {
        return List.copyOf(found.values());
    }

    /** The names of every placeholder in the tree, in order of first use. */
    static Set<String> used(Object node) {
        Set<String> names = new LinkedHashSet<>();
        collect(node, names);
        return names;
    }

    private static void collect(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                collect(String.valueOf(k), names);
                collect(v, names);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, names));
        } else if (node instanceof String text) {
            Matcher m = ANY.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
    }
}
