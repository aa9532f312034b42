package io.unikernal.adapter.websocket;

import io.unikernal.runtime.StrictJson;
import java.nio.charset.StandardCharsets;

/** How a message is written into a frame: its JSON as text, or as UTF-8 bytes in a binary frame. */
final class WebSocketFrames {

    private WebSocketFrames() {
    }

    /** The frame's content: a String (text frame) or a byte[] (binary frame); bytes the route made are kept. */
    static Object content(Object body, boolean binary) {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        String json = StrictJson.write(body);
        return binary ? json.getBytes(StandardCharsets.UTF_8) : json;
    }
}
