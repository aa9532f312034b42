package io.unikernal.udm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON form of a UDM message (see {@code docs/udm.md}). Writes the v8 envelope
 * {@code {"udm":8,"id":…,"source":…,"schema":{"name":…,"version":…},"createdAt":…,"headers":{…},"body":…}}.
 * Reads the v8 envelope, and any other JSON value as a bare "v7" payload wrapped with defaults.
 *
 * <p>Numbers: a JSON number without fraction or exponent is read as {@code Long} (as {@code BigDecimal} beyond
 * the long range); any other number as {@code BigDecimal}, exactly as written (value and scale). So a
 * {@code BigDecimal} survives a round trip exactly, and a {@code Double} comes back as the {@code BigDecimal} of
 * its shortest decimal text (JSON has one number type). Thread-safe.
 */
public final class UdmJsonCodec {
    /** Envelope version written and accepted. */
    public static final int ENVELOPE_VERSION = 8;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final Clock clock;

    /** A codec stamping wrapped v7 payloads with the system clock. */
    public UdmJsonCodec() {
        this(Clock.systemUTC());
    }

    /** A codec stamping wrapped v7 payloads with {@code clock} (for tests). */
    public UdmJsonCodec(Clock clock) {
        this.clock = clock;
    }

    /** Encodes the message as a UTF-8 v8 envelope. */
    public byte[] encode(UdmMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("udm", ENVELOPE_VERSION);
            g.writeStringField("id", message.correlationId());
            g.writeStringField("source", message.source());
            if (message.schema() != null) {
                g.writeObjectFieldStart("schema");
                g.writeStringField("name", message.schema());
                g.writeNumberField("version", message.schemaVersion());
                g.writeEndObject();
            }
            g.writeStringField("createdAt", message.createdAt().toString());
            g.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> h : message.headers().entrySet()) {
                g.writeStringField(h.getKey(), h.getValue());
            }
            g.writeEndObject();
            g.writeFieldName("body");
            writeValue(g, message.body());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** Encodes the message as a v8 envelope string. */
    public String encodeToString(UdmMessage message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    /** Writes a UDM body value only (no envelope). */
    public String encodeBody(Object body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeValue(g, UdmValues.normalize(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof BigDecimal bd) {
            writeDecimal(g, bd);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalStateException("not a UDM value: " + v.getClass()); // UdmMessage normalised it
        }
    }

    /**
     * Writes a decimal so that it reads back as the same BigDecimal (value and scale): {@code toString()} keeps the
     * scale; one without fraction or exponent ({@code 5}) gets {@code E0} so it is not read back as an integer.
     */
    private static void writeDecimal(JsonGenerator g, BigDecimal d) throws IOException {
        String text = d.toString();
        g.writeNumber(text.indexOf('.') < 0 && text.indexOf('E') < 0 ? text + "E0" : text);
    }

    /** Decodes a v8 envelope or a bare v7 payload from UTF-8 JSON. */
    public UdmMessage decode(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            return decode(p);
        } catch (JsonProcessingException e) {
            throw new UdmCodecException("malformed UDM JSON: " + e.getOriginalMessage() + " at " + where(e.getLocation()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a v8 envelope or a bare v7 payload from JSON text. */
    public UdmMessage decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private UdmMessage decode(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new UdmCodecException("malformed UDM JSON: empty input");
        }
        Map<String, JsonLocation> where = new HashMap<>();
        Object root = first == JsonToken.START_OBJECT ? readTopObject(p, where) : readValue(p);
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new UdmCodecException("malformed UDM JSON: unexpected " + trailing + " after the top-level value at "
                    + where(p.currentTokenLocation()));
        }
        if (root instanceof Map<?, ?> top && top.get("udm") instanceof Number) {
            @SuppressWarnings("unchecked")
            Map<String, Object> envelope = (Map<String, Object>) top;
            return fromEnvelope(envelope, where);
        }
        if (root instanceof Map<?, ?> top) {
            root = Collections.unmodifiableMap(top); // the root's members are read by readValue: unmodifiable already
        }
        return UdmMessage.builder().decodedBody(root).createdAt(clock.instant()).build(); // v7: bare payload
    }

    private UdmMessage fromEnvelope(Map<String, Object> e, Map<String, JsonLocation> where) {
        Object udm = e.get("udm");
        if (!(udm instanceof Long v) || v != ENVELOPE_VERSION) {
            throw envelopeError("udm", "unsupported envelope version " + udm + " (this reader knows " + ENVELOPE_VERSION + ")", where);
        }
        if (!e.containsKey("body")) {
            throw envelopeError("udm", "envelope has no \"body\"", where);
        }
        UdmMessage.Builder b = UdmMessage.builder().decodedBody(e.get("body"));
        try {
            Object source = e.get("source");
            if (source != null) {
                b.source(string(e, "source", where));
            }
            b.correlationId(e.containsKey("id") ? string(e, "id", where) : null);
            Object schema = e.get("schema");
            if (schema != null) {
                if (!(schema instanceof Map<?, ?> s) || !(s.get("name") instanceof String name)
                        || !(s.get("version") instanceof Long version) || version > Integer.MAX_VALUE) {
                    throw envelopeError("schema", "\"schema\" must be {\"name\": string, \"version\": int}, was " + schema, where);
                }
                b.schema(name, version.intValue());
            }
            if (e.get("createdAt") != null) {
                String created = string(e, "createdAt", where);
                try {
                    b.createdAt(Instant.parse(created));
                } catch (DateTimeParseException ex) {
                    throw envelopeError("createdAt", "\"createdAt\" is not an ISO-8601 instant: '" + created + "'", where);
                }
            } else {
                b.createdAt(clock.instant());
            }
            Object headers = e.get("headers");
            if (headers != null) {
                if (!(headers instanceof Map<?, ?> h)) {
                    throw envelopeError("headers", "\"headers\" must be an object of strings, was " + headers, where);
                }
                for (Map.Entry<?, ?> entry : h.entrySet()) {
                    if (!(entry.getValue() instanceof String value)) {
                        throw envelopeError("headers", "header \"" + entry.getKey() + "\" must be a string, was "
                                + entry.getValue(), where);
                    }
                    b.header((String) entry.getKey(), value);
                }
            }
        } catch (IllegalArgumentException ex) {
            throw new UdmCodecException("invalid UDM envelope: " + ex.getMessage(), ex);
        }
        return b.build();
    }

    private static String string(Map<String, Object> e, String key, Map<String, JsonLocation> where) {
        if (e.get(key) instanceof String s) {
            return s;
        }
        throw envelopeError(key, "\"" + key + "\" must be a string, was " + e.get(key), where);
    }

    private static UdmCodecException envelopeError(String key, String what, Map<String, JsonLocation> where) {
        JsonLocation loc = where.get(key);
        return new UdmCodecException("invalid UDM envelope: " + what + (loc == null ? "" : " at " + where(loc)));
    }

    private static String where(JsonLocation loc) {
        return loc == null ? "unknown location" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** Reads the root object, remembering where each top-level member starts for envelope error messages. */
    private static Map<String, Object> readTopObject(JsonParser p, Map<String, JsonLocation> where) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            where.put(name, p.currentTokenLocation());
            map.put(name, readValue(p));
        }
        return map;
    }

    private static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new UdmCodecException("malformed UDM JSON: unexpected end of input at " + where(p.currentLocation()));
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, readValue(p));
                }
                return Collections.unmodifiableMap(map);
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDecimalValue() : (Object) p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDecimalValue(); // exact: never through double
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new UdmCodecException("malformed UDM JSON: unexpected " + t + " at " + where(p.currentTokenLocation()));
        }
    }
}
