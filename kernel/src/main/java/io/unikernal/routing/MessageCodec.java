package io.unikernal.routing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Encodes one message into the wire form shared with the native engine (little-endian). */
final class MessageCodec {
    private MessageCodec() {
    }

    static byte[] encode(Map<String, String> headers, byte[] body) {
        int n = 0;
        int size = 8;
        byte[][] parts = new byte[headers.size() * 2][];
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("header '" + e.getKey() + "' has a null name or value");
            }
            parts[n] = e.getKey().getBytes(StandardCharsets.UTF_8);
            parts[n + 1] = e.getValue().getBytes(StandardCharsets.UTF_8);
            size += 8 + parts[n].length + parts[n + 1].length;
            n += 2;
        }
        size += body.length;
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(headers.size());
        for (byte[] p : parts) {
            out.putInt(p.length).put(p);
        }
        out.putInt(body.length).put(body);
        return out.array();
    }
}
