package io.unikernal.compile.reply;

import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.runtime.ReplyProcessor;
import io.unikernal.runtime.ReplySpec;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.ReplyDecl;
import io.unikernal.udl.model.RouteDecl;
import java.util.Map;

/**
 * The route's reply to a waiting caller: a {@link ReplyProcessor} bean built from the route's {@code reply:}, or the
 * body at the end when it has none.
 */
public final class ReplyBean {

    private ReplyBean() {
    }

    /** Declares the route's reply bean; returns its name. */
    public static String declare(RouteDecl decl, DefaultCompileContext ctx) {
        String name = ctx.uniqueName("reply-" + decl.name());
        if (decl.reply() != null) {
            decl.reply().headers().values().forEach(ctx::noteSecretEnvNames); // ReplyProcessor resolves them
        }
        ctx.addBean(name, ReplyProcessor.class, Map.of("spec", replyJson(decl.reply())));
        return name;
    }

    static String replyJson(ReplyDecl reply) {
        if (reply == null) {
            return StrictJson.write(new ReplySpec(null, null, Map.of()));
        }
        Expr body = reply.body();
        return StrictJson.write(new ReplySpec(reply.status(), body == null ? null : body.source(), reply.headers()));
    }
}
