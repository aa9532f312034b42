package io.unikernal.runtime;

import java.util.Map;

/** A route's {@code reply:} as its processor receives it; null status = 200, null body = the body as it is. */
public record ReplySpec(Integer status, String body, Map<String, String> headers) {
    public ReplySpec {
        headers = headers == null ? Map.of() : headers;
    }
}
