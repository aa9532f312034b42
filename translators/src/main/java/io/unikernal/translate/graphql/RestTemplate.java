package io.unikernal.translate.graphql;

import io.unikernal.runtime.StrictJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST call that resolves one GraphQL field, as written in {@code resolve:}: {@code "GET /users/{id}"},
 * {@code "GET /users/{parent.id}/orders"}. A {@code {name}} is the field's argument, a {@code {parent.name}} a field
 * of the object the field belongs to, each URL-encoded as one path segment. The arguments the path does not use go,
 * for GET and DELETE, as query parameters (a list as the parameter repeated) and, for POST, PUT and PATCH, as the JSON
 * body: the argument itself when it is the only one left and an input object, else an object of them by name.
 */
final class RestTemplate {

    static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern SHAPE = Pattern.compile("(GET|POST|PUT|PATCH|DELETE) (/[^\\s;?#]*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(parent\\.)?([_A-Za-z][_0-9A-Za-z]*)\\}");
    static final String PARENT = "parent.";

    private final String text;
    private final String verb;
    private final List<Object> parts;
    private final Set<String> arguments;
    private final Set<String> parentFields;

    private RestTemplate(String text, String verb, List<Object> parts) {
        this.text = text;
        this.verb = verb;
        this.parts = List.copyOf(parts);
        Set<String> args = new LinkedHashSet<>();
        Set<String> parents = new LinkedHashSet<>();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                (p.parent ? parents : args).add(p.name);
            }
        }
        this.arguments = Set.copyOf(args);
        this.parentFields = Set.copyOf(parents);
    }

    private record Placeholder(boolean parent, String name) {
    }

    /** A field's value the template cannot put in the call (a null in the path, an object in a query). */
    static final class Unfit extends RuntimeException {
        Unfit(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses {@code VERB /path}; a malformed one is an IllegalArgumentException with the rule. */
    static RestTemplate parse(String text) {
        Matcher shape = text == null ? null : SHAPE.matcher(text.strip());
        if (shape == null || !shape.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not VERB /path: a verb of " + String.join(", ",
                    List.of("GET", "POST", "PUT", "PATCH", "DELETE")) + ", one space, a path that starts with '/'"
                    + " (no spaces, '?', '#' or ';'), e.g. \"GET /users/{id}\"");
        }
        String path = shape.group(2);
        List<Object> parts = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(path);
        int at = 0;
        while (placeholder.find()) {
            parts.add(path.substring(at, placeholder.start()));
            parts.add(new Placeholder(placeholder.group(1) != null, placeholder.group(2)));
            at = placeholder.end();
        }
        parts.add(path.substring(at));
        for (Object part : parts) {
            if (part instanceof String literal && (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0)) {
                throw new IllegalArgumentException("'" + text + "' has a '{' or '}' that is no {argument} or"
                        + " {parent.field}");
            }
        }
        return new RestTemplate(text.strip(), shape.group(1), parts);
    }

    String verb() {
        return verb;
    }

    /** The template as written, for errors and logs: it names no address. */
    String text() {
        return text;
    }

    /** The field's arguments the path names. */
    Set<String> arguments() {
        return arguments;
    }

    /** The parent's fields the path names. */
    Set<String> parentFields() {
        return parentFields;
    }

    boolean sendsBody() {
        return verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH");
    }

    /**
     * The call for these arguments (in the field's declared order) and this parent (a JSON object, or null for a
     * root field); {@code inputObjects} are the arguments whose type is an input object.
     */
    RestCall call(Map<String, Object> args, Object parent, Set<String> inputObjects) {
        StringBuilder path = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                Object value = p.parent ? (parent instanceof Map<?, ?> map ? map.get(p.name) : null) : args.get(p.name);
                if (value == null) {
                    throw new Unfit((p.parent ? "the parent's field " : "argument ") + p.name + " is null, so "
                            + text + " cannot be called");
                }
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    throw new Unfit((p.parent ? "the parent's field " : "argument ") + p.name + " is not a scalar,"
                            + " so it cannot be a path segment of " + text);
                }
                path.append(encode(String.valueOf(value)));
            } else {
                path.append((String) part);
            }
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        args.forEach((name, value) -> {
            if (!arguments.contains(name) && value != null) {
                rest.put(name, value);
            }
        });
        if (sendsBody()) {
            Object body = rest.size() == 1 && inputObjects.contains(rest.keySet().iterator().next())
                    ? rest.values().iterator().next() : rest;
            return new RestCall(verb, path.toString(), rest.isEmpty() ? null : StrictJson.write(body));
        }
        StringBuilder query = new StringBuilder();
        rest.forEach((name, value) -> {
            for (Object item : value instanceof List<?> list ? list : List.of(value)) {
                if (item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw new Unfit("argument " + name + " is an object, which " + verb + " cannot send as a query"
                            + " parameter of " + text);
                }
                if (item != null) {
                    query.append(query.length() == 0 ? '?' : '&').append(encode(name)).append('=')
                            .append(encode(String.valueOf(item)));
                }
            }
        });
        return new RestCall(verb, path + query.toString(), null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
