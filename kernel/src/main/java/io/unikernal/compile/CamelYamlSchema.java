package io.unikernal.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.unikernal.runtime.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks Camel YAML DSL text against the {@code camelYamlDsl.json} schema shipped in the camel-yaml-dsl jar — the
 * contract that Camel Main, Camel JBang and editors read YAML routes by. The compiler checks its own output with it.
 */
public final class CamelYamlSchema {

    private static final String LOCATION = "schema/camelYamlDsl.json";
    private static volatile JsonSchema schema;

    private CamelYamlSchema() {
    }

    /** The schema violations of the YAML text, empty when it conforms. */
    public static List<String> violations(String yaml) {
        Object document = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        JsonNode node = StrictJson.MAPPER.valueToTree(document);
        Set<ValidationMessage> messages = schema().validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * Camel's schema declares draft-04 but marks options {@code "deprecated": true}, an annotation of later drafts
     * that draft-04 lacks (the validator warns "Unknown keyword deprecated" once per load). Draft-04 with that
     * keyword known as an annotation reads the schema exactly as Camel means it.
     */
    private static JsonSchemaFactory draft4WithDeprecated() {
        com.networknt.schema.JsonMetaSchema draft4 = com.networknt.schema.JsonMetaSchema
                .builder(com.networknt.schema.JsonMetaSchema.getV4())
                .keyword(new com.networknt.schema.AnnotationKeyword("deprecated")).build();
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                .metaSchema(draft4).build();
    }

    private static JsonSchema schema() {
        JsonSchema loaded = schema;
        if (loaded == null) {
            synchronized (CamelYamlSchema.class) {
                loaded = schema;
                if (loaded == null) {
                    try (InputStream in = YamlRoutesBuilderLoader.class.getClassLoader().getResourceAsStream(LOCATION)) {
                        if (in == null) {
                            throw new IllegalStateException(LOCATION + " is not on the class path (camel-yaml-dsl)");
                        }
                        loaded = draft4WithDeprecated().getSchema(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    schema = loaded;
                }
            }
        }
        return loaded;
    }
}
