package io.unikernal.testkit.contract;

import java.util.Map;

/**
 * A message as a peer received it, decoded from the peer's native form: its body (a JSON object as a map), and,
 * where the protocol carries them, the envelope's correlation id, schema name and schema version, and every header
 * as it arrived ({@code headers}, names as the peer saw them). What a protocol does not carry is null or empty.
 */
public record Received(Object body, String correlationId, String schema, String schemaVersion,
        Map<String, String> headers) {

    public Received {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A message with a body only (a row, a file, a log line). */
    public static Received body(Object body) {
        return new Received(body, null, null, null, Map.of());
    }

    /** The body's {@code id} field, or null. */
    public String id() {
        return body instanceof Map<?, ?> map && map.get("id") != null ? String.valueOf(map.get("id")) : null;
    }
}
