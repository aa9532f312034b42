package io.unikernal.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a rule reads its value: a message header ({@code header.NAME}) or a field of the JSON body
 * ({@code body.a.b}, keys of nested objects; arrays are not indexed).
 *
 * <p>Body path segments are restricted to {@code [A-Za-z0-9_$@-]} so that a path never needs
 * escaping, neither in the rule text nor in the JSON a projection writes.
 */
public final class FieldRef {
    /** The part of a message a field lives in. */
    public enum Source { HEADER, BODY }

    public static final int MAX_DEPTH = 16;
    public static final int MAX_NAME_BYTES = 1024;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_$@-]+");

    private final Source source;
    private final List<String> path;

    private FieldRef(Source source, List<String> path) {
        this.source = source;
        this.path = path;
    }

    /** A header by its exact (case-sensitive) name. */
    public static FieldRef header(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isEmpty() || utf8Length(name) > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("header name '" + name + "' must have 1.." + MAX_NAME_BYTES + " bytes");
        }
        return new FieldRef(Source.HEADER, List.of(name));
    }

    /** A JSON body field by its dotted path, e.g. {@code customer.id}. */
    public static FieldRef body(String dottedPath) {
        Objects.requireNonNull(dottedPath, "body path");
        String[] segments = dottedPath.split("\\.", -1);
        if (segments.length > MAX_DEPTH) {
            throw new IllegalArgumentException("body path '" + dottedPath + "' is deeper than " + MAX_DEPTH);
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.length() > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("body path '" + dottedPath
                        + "' has an invalid segment '" + s + "' (allowed: letters, digits, _ $ @ -)");
            }
        }
        return new FieldRef(Source.BODY, List.of(segments));
    }

    /** Parses {@code header.NAME} or {@code body.a.b}. */
    public static FieldRef parse(String text) {
        Objects.requireNonNull(text, "field");
        if (text.startsWith("header.")) {
            return header(text.substring("header.".length()));
        }
        if (text.startsWith("body.")) {
            return body(text.substring("body.".length()));
        }
        throw new IllegalArgumentException("field '" + text + "' must start with 'header.' or 'body.'");
    }

    public Source source() {
        return source;
    }

    /** The header name (one element) or the body path segments. */
    public List<String> path() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldRef f && f.source == source && f.path.equals(path);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + path.hashCode();
    }

    @Override
    public String toString() {
        return (source == Source.HEADER ? "header." : "body.") + String.join(".", path);
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
