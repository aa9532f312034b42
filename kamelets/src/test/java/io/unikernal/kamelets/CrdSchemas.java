package io.unikernal.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The OpenAPI v3 schemas Kubernetes validates Camel K objects by: the Kamelet CRD from the
 * {@code camel-kamelets-crds} jar, and the Pipe and Integration CRD schemas taken from npm
 * {@code @kaoto/camel-catalog@0.10.4} ({@code dist/camel-catalog/camel-main/4.14.9/crd-schema-*.json}, copied under
 * {@code src/test/resources/crd/}) because the Camel K CRD Maven artifacts do not resolve here.
 */
final class CrdSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrdSchemas() {
    }

    static JsonSchema kamelet() {
        try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream("camel.apache.org_kamelets.yaml")) {
            Map<?, ?> crd = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            List<?> versions = (List<?>) ((Map<?, ?>) crd.get("spec")).get("versions");
            Map<?, ?> v1 = versions.stream().map(v -> (Map<?, ?>) v).filter(v -> "v1".equals(v.get("name")))
                    .findFirst().orElseThrow();
            Object schema = ((Map<?, ?>) v1.get("schema")).get("openAPIV3Schema");
            return factory().getSchema(JSON.valueToTree(schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonSchema pipe() {
        return resource("crd/pipe.schema.json");
    }

    static JsonSchema integration() {
        return resource("crd/integration.schema.json");
    }

    private static JsonSchema resource(String name) {
        try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(name)) {
            return factory().getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> violations(JsonSchema schema, Object document) {
        JsonNode node = JSON.valueToTree(document);
        return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Draft-04 (what OpenAPI v3 schemas are built on) knowing Kubernetes' and OpenAPI's own keywords. */
    private static JsonSchemaFactory factory() {
        JsonMetaSchema.Builder meta = JsonMetaSchema.builder(JsonMetaSchema.getV4());
        for (String keyword : List.of("x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
                "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
                "x-kubernetes-validations", "x-descriptors", "nullable", "example", "deprecated")) {
            meta.keyword(new NonValidationKeyword(keyword));
        }
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                .metaSchema(meta.build()).build();
    }
}
