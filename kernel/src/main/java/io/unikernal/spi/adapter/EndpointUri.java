package io.unikernal.spi.adapter;

import java.util.Objects;

/**
 * Builds a Camel endpoint URI so that text a user wrote can never change its meaning: every query value that comes
 * from UDL goes in as {@code RAW(...)} (Camel takes it verbatim: no '&amp;', '=', '+' or '%' surprises, no smuggled
 * extra parameter), while the adapter's own constants go in as they are. Camel resolves {@code {{env:...}}} and
 * {@code {{secret:...}}} placeholders before it reads RAW, so references work inside it.
 */
public final class EndpointUri {

    private final StringBuilder uri;
    private boolean hasQuery;

    private EndpointUri(String schemeAndPath) {
        this.uri = new StringBuilder(schemeAndPath);
        this.hasQuery = schemeAndPath.indexOf('?') >= 0;
    }

    /**
     * {@code scheme:path}; the path is the adapter's to make safe (a declared option whose pattern keeps out '?' and
     * '&amp;', or the adapter's own text).
     */
    public static EndpointUri of(String scheme, String path) {
        Objects.requireNonNull(scheme, "scheme");
        return new EndpointUri(scheme + ":" + Objects.requireNonNull(path, "path"));
    }

    /**
     * A whole URI to add parameters to, e.g. an http-client's base URL (a declared option whose pattern makes it a
     * URL); a query it already has is kept.
     */
    public static EndpointUri from(String uri) {
        return new EndpointUri(Objects.requireNonNull(uri, "uri"));
    }

    /** A parameter whose value is the adapter's own text (a number it computed, a constant). */
    public EndpointUri param(String name, Object value) {
        if (value == null) {
            return this;
        }
        uri.append(hasQuery ? '&' : '?').append(name).append('=').append(value);
        hasQuery = true;
        return this;
    }

    /** A parameter whose value comes from UDL: passed verbatim as {@code RAW(...)}; nothing when null. */
    public EndpointUri userParam(String name, String value) {
        return value == null ? this : param(name, raw(value));
    }

    /** Camel's verbatim form of a value: {@code RAW(v)}, or {@code RAW{v}} when {@code v} holds a ')'. */
    public static String raw(String value) {
        if (value.indexOf(')') < 0) {
            return "RAW(" + value + ")";
        }
        if (value.indexOf('}') < 0) {
            return "RAW{" + value + "}";
        }
        throw new IllegalArgumentException("a URI value may not hold both ')' and '}': " + value.length()
                + " characters");
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
