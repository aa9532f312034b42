package io.unikernal.udl.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit reply of a request/reply route: status, body expression (null = the body as it is), headers (each
 * value with where it is written).
 */
public record ReplyDecl(Integer status, Expr body, Map<String, Expr> headerValues, SourcePos pos) {

    /** The headers as written, name to text. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headerValues.forEach((name, value) -> headers.put(name, value.source()));
        return java.util.Collections.unmodifiableMap(headers);
    }
}
