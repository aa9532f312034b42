package io.unikernal.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Every committed catalog Kamelet is a valid Kamelet object whose template uses exactly its declared properties. */
class CatalogKameletsConformTest {

    private static final JsonSchema KAMELET_CRD = CrdSchemas.kamelet();

    static Stream<String> kamelets() throws IOException {
        return CatalogIsCurrentTest.committed().keySet().stream();
    }

    static Map<?, ?> load(String file) throws IOException {
        return (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(
                CatalogIsCurrentTest.committed().get(file));
    }

    @Test
    void theCatalogHasKamelets() throws IOException {
        assertThat(CatalogIsCurrentTest.committed()).hasSizeGreaterThan(20)
                .containsKeys("unikernal-timer-source.kamelet.yaml", "unikernal-transform-action.kamelet.yaml");
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void conformsToTheKameletCrdSchema(String file) throws IOException {
        Map<?, ?> doc = load(file);
        assertThat(CrdSchemas.violations(KAMELET_CRD, doc)).as(file).isEmpty();
        Map<?, ?> metadata = (Map<?, ?>) doc.get("metadata");
        assertThat(file).isEqualTo(metadata.get("name") + Kamelet.FILE_SUFFIX);
        assertThat(((Map<?, ?>) metadata.get("labels")).get(Kamelet.TYPE_LABEL)).isIn("source", "sink", "action");
        Map<?, ?> definition = (Map<?, ?>) ((Map<?, ?>) doc.get("spec")).get("definition");
        assertThat(definition.get("title")).isNotNull();
        assertThat(definition.get("description")).isNotNull();
        for (Object p : ((Map<?, ?>) definition.get("properties")).values()) {
            assertThat(((Map<?, ?>) p).keySet().stream().map(String::valueOf).toList()).as(file).contains("title", "description", "type");
        }
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void templateParametersAreExactlyTheDeclaredProperties(String file) throws IOException {
        Map<?, ?> spec = (Map<?, ?>) load(file).get("spec");
        Set<String> declared = new TreeSet<>(((Map<String, ?>) ((Map<?, ?>) spec.get("definition"))
                .get("properties")).keySet());
        Set<String> used = new TreeSet<>(Placeholders.used(spec.get("template")));
        // a local bean is reached through the placeholder of its name, which Camel binds, not the user
        used.removeAll(TemplateBuilder.localBeans(spec.get("template")));
        assertThat(used).as(file).isEqualTo(declared);
    }

    @Test
    void aSecretPropertyCarriesPasswordDescriptorsAndNoDefault() {
        KameletProperty secret = new KameletProperty("password", "Password", "the password", "string", null, true,
                true);
        assertThat(secret.schema()).containsEntry("x-descriptors", KameletProperty.SECRET_DESCRIPTORS)
                .containsEntry("format", "password").doesNotContainKey("default");
    }

    @Test
    void aKameletWithoutTitleFailsTheCrdSchema() {
        Map<String, Object> bad = Map.of("apiVersion", Kamelet.API_VERSION, "kind", "Kamelet", "metadata",
                Map.of("name", "x"), "spec", Map.of("definition", Map.of("properties", List.of("not", "a", "map"))));
        assertThat(CrdSchemas.violations(KAMELET_CRD, bad)).isNotEmpty();
    }
}
