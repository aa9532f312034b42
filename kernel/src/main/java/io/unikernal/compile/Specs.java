package io.unikernal.compile;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.ReplySpec;
import io.unikernal.runtime.SchemaSpec;
import io.unikernal.runtime.TransformSpec;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.check.SchemaConversion;
import io.unikernal.udl.model.ReplyDecl;
import io.unikernal.udl.model.SchemaDecl;
import io.unikernal.udl.model.Step;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the JSON that step processors receive as their constructor argument. */
final class Specs {

    private Specs() {
    }

    static String schemaJson(SchemaDecl schema) {
        return StrictJson.write(schemaSpec(schema));
    }

    static SchemaSpec schemaSpec(SchemaDecl schema) {
        return SchemaSpec.of(SchemaConversion.toUdm(schema));
    }

    static String transformJson(Step.Transform t) {
        Map<String, String> set = new LinkedHashMap<>();
        t.set().forEach((k, v) -> set.put(k, v.source()));
        return StrictJson.write(new TransformSpec(set, t.remove(), t.rename()));
    }

    static String replyJson(ReplyDecl reply) {
        if (reply == null) {
            return StrictJson.write(new ReplySpec(null, null, Map.of()));
        }
        Expr body = reply.body();
        return StrictJson.write(new ReplySpec(reply.status(), body == null ? null : body.source(), reply.headers()));
    }
}
