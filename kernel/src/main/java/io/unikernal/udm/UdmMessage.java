package io.unikernal.udm;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The canonical Unikernal message (UDM): a JSON-like {@link #body()} plus its envelope (headers, source system,
 * schema name and version, correlation id, creation time). Immutable; build with {@link #builder()}.
 *
 * <p>The body is deep-copied and normalised by {@link UdmValues#normalize(Object)}, so a message never shares
 * mutable state with its creator.
 */
public final class UdmMessage {
    /** Source system recorded when none is known (for example a bare v7 payload). */
    public static final String UNKNOWN_SOURCE = "unknown";

    private final Object body;
    private final Map<String, String> headers;
    private final String source;
    private final String schema;
    private final int schemaVersion;
    private final String correlationId;
    private final Instant createdAt;

    private UdmMessage(Builder b) {
        this.body = b.body;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.source = b.source;
        this.schema = b.schema;
        this.schemaVersion = b.schemaVersion;
        this.correlationId = b.correlationId != null ? b.correlationId : UUID.randomUUID().toString();
        this.createdAt = b.createdAt != null ? b.createdAt : Instant.now();
    }

    /** A new builder: source {@value #UNKNOWN_SOURCE}, no schema, empty headers, null body. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this message's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.body = body;
        b.headers.putAll(headers);
        b.source = source;
        b.schema = schema;
        b.schemaVersion = schemaVersion;
        b.correlationId = correlationId;
        b.createdAt = createdAt;
        return b;
    }

    /** The payload: an unmodifiable Map, List, String, Long, Double, BigDecimal, Boolean, or null. */
    public Object body() {
        return body;
    }

    /** The body as a map, or an empty map when the body is not a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> bodyAsMap() {
        return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Unmodifiable, insertion-ordered string headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Name of the system the message came from. */
    public String source() {
        return source;
    }

    /** Schema name, or null when the message has no schema. */
    public String schema() {
        return schema;
    }

    /** Schema version; 0 means none. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Correlation id; a random UUID when the builder had none. */
    public String correlationId() {
        return correlationId;
    }

    /** When the message was first created (kept across hops and codecs). */
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdmMessage m && Objects.equals(body, m.body) && headers.equals(m.headers)
                && source.equals(m.source) && Objects.equals(schema, m.schema) && schemaVersion == m.schemaVersion
                && correlationId.equals(m.correlationId) && createdAt.equals(m.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(body, headers, source, schema, schemaVersion, correlationId, createdAt);
    }

    @Override
    public String toString() {
        return "UdmMessage{id=" + correlationId + ", source=" + source + ", schema=" + schema + "@" + schemaVersion
                + ", createdAt=" + createdAt + ", headers=" + headers.keySet() + ", body=" + body + "}";
    }

    /** Validating builder: every setter rejects a bad value at once and quotes it. */
    public static final class Builder {
        private Object body;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String source = UNKNOWN_SOURCE;
        private String schema;
        private int schemaVersion;
        private String correlationId;
        private Instant createdAt;

        private Builder() {
        }

        /** Sets the body; see {@link UdmValues#normalize(Object)} for what is accepted. */
        public Builder body(Object body) {
            this.body = UdmValues.normalize(body);
            return this;
        }

        /**
         * Sets a body a decoder of this package built itself, already in the value model and unmodifiable all the
         * way down: it is taken as it is, without the copy {@link #body(Object)} makes of a caller's value.
         */
        Builder decodedBody(Object body) {
            this.body = body;
            return this;
        }

        /** Replaces all headers; keys and values must be non-null. */
        public Builder headers(Map<String, String> headers) {
            Objects.requireNonNull(headers, "headers");
            this.headers.clear();
            headers.forEach(this::header);
            return this;
        }

        /** Adds one header; name and value must be non-null. */
        public Builder header(String name, String value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("header name must be non-empty, was '" + name + "'");
            }
            if (value == null) {
                throw new IllegalArgumentException("header '" + name + "' must have a value, was null");
            }
            headers.put(name, value);
            return this;
        }

        /** Source system name, non-blank. */
        public Builder source(String source) {
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("source must be a non-blank system name, was '" + source + "'");
            }
            this.source = source;
            return this;
        }

        /** Schema name and version; {@code (null, 0)} means no schema; a named schema needs a version >= 1. */
        public Builder schema(String name, int version) {
            if (name == null) {
                if (version != 0) {
                    throw new IllegalArgumentException("schema version must be 0 without a schema name, was " + version);
                }
            } else if (name.isBlank()) {
                throw new IllegalArgumentException("schema name must be non-blank, was '" + name + "'");
            } else if (version < 1) {
                throw new IllegalArgumentException("schema '" + name + "' version must be >= 1, was " + version);
            }
            this.schema = name;
            this.schemaVersion = version;
            return this;
        }

        /** Correlation id; null means "generate a UUID"; otherwise non-blank. */
        public Builder correlationId(String correlationId) {
            if (correlationId != null && correlationId.isBlank()) {
                throw new IllegalArgumentException("correlationId must be non-blank or null, was '" + correlationId + "'");
            }
            this.correlationId = correlationId;
            return this;
        }

        /** Creation time; null means "now". */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public UdmMessage build() {
            return new UdmMessage(this);
        }
    }
}
