package io.unikernal.compile;

import io.unikernal.runtime.Json;
import io.unikernal.runtime.ReplySpec;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.ReplyDecl;
import java.util.Map;

/** Writes the JSON that the reply processor receives as its constructor argument. */
final class Specs {

    private Specs() {
    }

    static String replyJson(ReplyDecl reply) {
        if (reply == null) {
            return Json.write(new ReplySpec(null, null, Map.of()));
        }
        Expr body = reply.body();
        return Json.write(new ReplySpec(reply.status(), body == null ? null : body.source(), reply.headers()));
    }
}
