package io.unikernal.routing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A message as a routing engine sees it: headers (String to String) and a JSON object body,
 * encoded once into the wire form both engines read (see {@link MessageBatch} for the layout), so a
 * decision never converts it again.
 */
public final class RoutingMessage {
    private final byte[] bytes;

    private RoutingMessage(byte[] bytes) {
        this.bytes = bytes;
    }

    public static RoutingMessage of(Map<String, String> headers, String jsonBody) {
        return of(headers, jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8));
    }

    public static RoutingMessage of(Map<String, String> headers, byte[] jsonBody) {
        return new RoutingMessage(MessageCodec.encode(headers, jsonBody));
    }

    /** Wraps bytes already in the wire form; their framing is checked when a decision reads them. */
    public static RoutingMessage ofEncoded(byte[] encoded) {
        return new RoutingMessage(encoded.clone());
    }

    /** The encoded message; do not modify. */
    public byte[] encoded() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }
}
