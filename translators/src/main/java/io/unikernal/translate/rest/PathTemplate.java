package io.unikernal.translate.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code google.api.http} path template ({@code /v1/{shelf=shelves/*}/books/{id}}): literal segments, variables
 * naming a (dotted) request field, {@code *} one segment and {@code **} any number. Matched as one regular
 * expression; a variable's text is its field's value.
 */
final class PathTemplate {

    private final String text;
    private final Pattern regex;
    private final List<String> fields;

    private PathTemplate(String text, Pattern regex, List<String> fields) {
        this.text = text;
        this.regex = regex;
        this.fields = List.copyOf(fields);
    }

    static PathTemplate parse(String template) {
        StringBuilder regex = new StringBuilder();
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                regex.append(segments(template.substring(i)));
                break;
            }
            regex.append(segments(template.substring(i, open)));
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("an unclosed '{' in path template " + template);
            }
            String variable = template.substring(open + 1, close);
            int equals = variable.indexOf('=');
            fields.add(equals < 0 ? variable : variable.substring(0, equals));
            regex.append('(').append(equals < 0 ? "[^/]+" : segments(variable.substring(equals + 1))).append(')');
            i = close + 1;
        }
        return new PathTemplate(template, Pattern.compile(regex.toString()), fields);
    }

    /** Literal text with {@code *} (one segment) and {@code **} (the rest) as patterns. */
    private static String segments(String text) {
        StringBuilder out = new StringBuilder();
        for (String part : text.split("(?=\\*)|(?<=\\*)")) {
            out.append(part.equals("*") ? "\u0000" : Pattern.quote(part));
        }
        return out.toString().replace("\u0000\u0000", ".+").replace("\u0000", "[^/]+");
    }

    /** The fields the path gives, by their dotted names; null when the path does not match. */
    Map<String, String> match(String path) {
        Matcher matcher = regex.matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < fields.size(); k++) {
            values.put(fields.get(k), java.net.URLDecoder.decode(matcher.group(k + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public String toString() {
        return text;
    }
}
