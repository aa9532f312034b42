package io.unikernal.steps;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.SchemaSpec;
import io.unikernal.runtime.TransformSpec;
import io.unikernal.udl.check.SchemaConversion;
import io.unikernal.udl.model.SchemaDecl;
import io.unikernal.udl.model.Step;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the JSON that the validate and transform processors receive as their constructor argument. */
final class StepSpecs {

    private StepSpecs() {
    }

    static String schemaJson(SchemaDecl schema) {
        return StrictJson.write(SchemaSpec.of(SchemaConversion.toUdm(schema)));
    }

    static String transformJson(Step.Transform t) {
        Map<String, String> set = new LinkedHashMap<>();
        t.set().forEach((k, v) -> set.put(k, v.source()));
        return StrictJson.write(new TransformSpec(set, t.remove(), t.rename()));
    }
}
