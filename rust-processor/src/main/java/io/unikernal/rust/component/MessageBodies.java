package io.unikernal.rust.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Message;

/** Turns Camel message parts into what the engines read: text headers and JSON body bytes. */
final class MessageBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageBodies() {
    }

    /** Headers whose values are text, numbers or booleans, as text; other values are not routable and are left out. */
    static Map<String, String> textHeaders(Message in) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.getHeaders().entrySet()) {
            Object v = e.getValue();
            if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean) {
                out.put(e.getKey(), v.toString());
            }
        }
        return out;
    }

    /** A body as JSON bytes: bytes and text as they are, anything else written by Jackson. */
    static byte[] json(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof CharSequence s) {
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body of type " + body.getClass().getName() + " cannot be written as JSON", e);
        }
    }
}
