package io.unikernal.udl.model;

import java.util.Map;

/** The explicit reply of a request/reply route: status, body expression (null = the body as it is), headers. */
public record ReplyDecl(Integer status, Expr body, Map<String, String> headers, SourcePos pos) {
}
