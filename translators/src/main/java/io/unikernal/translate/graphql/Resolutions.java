package io.unikernal.translate.graphql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code resolve:} map ({@code Type.field} to its {@link RestTemplate}) as one bean property: entries
 * {@code Type.field=VERB /path} joined by ';', which neither a coordinate nor a template holds.
 */
final class Resolutions {

    private Resolutions() {
    }

    static String encode(Map<String, String> resolve) {
        StringJoiner text = new StringJoiner(";");
        resolve.forEach((field, template) -> text.add(field + "=" + template.strip()));
        return text.toString();
    }

    static Map<String, RestTemplate> decode(String text) {
        Map<String, RestTemplate> templates = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return templates;
        }
        for (String entry : text.split(";")) {
            int eq = entry.indexOf('=');
            templates.put(entry.substring(0, eq), RestTemplate.parse(entry.substring(eq + 1)));
        }
        return templates;
    }
}
