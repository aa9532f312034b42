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
 * expression; a variable's text is its field's value. The other way ({@link #expand}, for gRPC to REST) each
 * variable is replaced by its field's value, which must match the variable's pattern.
 */
public final class PathTemplate {

    /** A literal part of the template ({@code field} null) or a variable with the pattern its value matches. */
    private record Part(String literal, String field, Pattern pattern) {
    }

    private final String text;
    private final Pattern regex;
    private final List<String> fields;
    private final List<Part> parts;

    private PathTemplate(String text, Pattern regex, List<String> fields, List<Part> parts) {
        this.text = text;
        this.regex = regex;
        this.fields = List.copyOf(fields);
        this.parts = List.copyOf(parts);
    }

    static PathTemplate parse(String template) {
        StringBuilder regex = new StringBuilder();
        List<String> fields = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                regex.append(segments(template.substring(i)));
                parts.add(new Part(template.substring(i), null, null));
                break;
            }
            regex.append(segments(template.substring(i, open)));
            parts.add(new Part(template.substring(i, open), null, null));
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("an unclosed '{' in path template " + template);
            }
            String variable = template.substring(open + 1, close);
            int equals = variable.indexOf('=');
            String field = equals < 0 ? variable : variable.substring(0, equals);
            String pattern = equals < 0 ? "[^/]+" : segments(variable.substring(equals + 1));
            fields.add(field);
            parts.add(new Part(null, field, Pattern.compile(pattern)));
            regex.append('(').append(pattern).append(')');
            i = close + 1;
        }
        return new PathTemplate(template, Pattern.compile(regex.toString()), fields, parts);
    }

    /** The (dotted) fields the template's variables name, in order. */
    public List<String> fields() {
        return fields;
    }

    /**
     * The path with each variable replaced by {@code values}' text for its field, each segment percent-encoded (a
     * multi-segment variable keeps its slashes); {@code null} when a value is missing or does not match its
     * variable's pattern (e.g. {@code shelves/*}).
     */
    public String expand(Map<String, String> values) {
        StringBuilder path = new StringBuilder();
        for (Part part : parts) {
            if (part.field() == null) {
                path.append(part.literal());
                continue;
            }
            String value = values.get(part.field());
            if (value == null || value.isEmpty() || !part.pattern().matcher(value).matches()) {
                return null;
            }
            String[] segments = value.split("/", -1);
            for (int k = 0; k < segments.length; k++) {
                path.append(k == 0 ? "" : "/").append(java.net.URLEncoder.encode(segments[k],
                        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return path.toString();
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
