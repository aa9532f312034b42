package io.unikernal.kamelets;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The catalog's action Kamelets, each compiled from a one-step UDL route between {@code kamelet-source} and
 * {@code kamelet-sink}: the step kind's own compilation, with the value the step needs (a CEL expression, a UDM
 * schema) made a property through a {@link TemplateBuilder.Sentinel sentinel}.
 */
final class ActionKamelets {

    static final String TRANSFORM = "unikernal-transform-action";
    static final String VALIDATE = "unikernal-udm-validate-action";

    private static final String FIELD_MARKER = "kameletField";
    private static final String EXPRESSION_MARKER = "kameletExpression";
    private static final String SCHEMA_MARKER = "KameletSchema";

    private final Adapters adapters;

    ActionKamelets(Adapters adapters) {
        this.adapters = adapters;
    }

    void generate(List<Kamelet> kamelets, List<KameletCatalog.Skipped> skipped) {
        kamelets.add(action(TRANSFORM, "Unikernal Transform Action",
                "Sets one field of the message's JSON body to the value of a CEL expression over the body's fields"
                        + " (UDL step transform: set). The expression must not contain double quotes: write CEL"
                        + " strings in single quotes.",
                "      - transform: {set: {" + FIELD_MARKER + ": \"" + EXPRESSION_MARKER + "\"}}\n", "",
                List.of(new TemplateBuilder.Sentinel(FIELD_MARKER + "\":\"" + EXPRESSION_MARKER, "expression",
                        t -> t.replace(FIELD_MARKER + "\":\"" + EXPRESSION_MARKER, "{{field}}\":\"{{expression}}"))),
                Map.of("field", new KameletProperty("field", "Field", "The body field to set.", "string", null, true,
                                false),
                        "expression", new KameletProperty("expression", "Expression",
                                "The CEL expression whose value the field gets, e.g. amount * 1.2.", "string", null,
                                true, false))));
        kamelets.add(action(VALIDATE, "Unikernal UDM Validate Action",
                "Validates the message against a UDM schema and migrates older versions of it (renamedFrom, defaults)"
                        + " as the UDL step validate does; an invalid message fails the exchange with the reasons.",
                "      - validate: " + SCHEMA_MARKER + "\n",
                "schemas:\n  " + SCHEMA_MARKER + ":\n    version: 1\n    fields:\n      id: {type: string}\n",
                List.of(new TemplateBuilder.Sentinel("\"name\":\"" + SCHEMA_MARKER + "\"", "schema", t -> "{{schema}}")),
                Map.of("schema", new KameletProperty("schema", "Schema", "The UDM schema as JSON, as `unikernal"
                        + " compile` writes it: {\"name\":\"Order\",\"version\":2,\"fields\":[{\"name\":\"id\","
                        + "\"type\":\"string\",\"required\":true}]} (see docs/ways-in/kamelets.md).", "string", null,
                        true, false))));
    }

    private Kamelet action(String name, String title, String description, String step, String extra,
            List<TemplateBuilder.Sentinel> sentinels, Map<String, KameletProperty> known) {
        String text = "udl: 8\nname: kamelet\nsystems:\n  in: {adapter: direct, name: kamelet-source}\n"
                + "  out: {adapter: direct, name: kamelet-sink}\n" + extra
                + "routes:\n  - name: kamelet\n    from: in\n    steps:\n" + step + "      - to: out\n";
        ParseResult parsed = new UdlParser(adapters).parse(name + ".udl.yaml", text);
        if (parsed.hasErrors()) {
            throw new IllegalStateException("the action Kamelet " + name + " does not compile: " + parsed.errors());
        }
        CompiledApp app = new UdlCompiler(adapters).compile(parsed.document(), Path.of("."), CompileOptions.DEFAULT);
        TemplateBuilder.Template t = new TemplateBuilder(app).template("kamelet", sentinels).orElseThrow();
        List<Placeholders.Found> params = t.parameters();
        if (name.equals(TRANSFORM)) {
            params = List.of(new Placeholders.Found("field", null, false), new Placeholders.Found("expression", null,
                    false));
        }
        return new Kamelet(name, t.type(), title, description, KameletExporter.properties(params, known),
                KameletExporter.dependencies(List.of(KameletExporter.KERNEL_ARTIFACT)), t.template());
    }
}
