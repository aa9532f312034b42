package io.unikernal.udl.doc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.unikernal.udl.TestAdapters;
import io.unikernal.udl.parse.UdlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The generated JSON Schema accepts every valid fixture the parser accepts, and rejects the mistakes editors should
 * flag (so it is not vacuous).
 */
class GeneratedSchemaValidatesFixturesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(new UdlJsonSchemaGenerator(TestAdapters.all()).generate());

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/udl/valid"))) {
            return files.filter(p -> p.toString().endsWith(".udl")).sorted().toList();
        }
    }

    private static JsonNode yaml(String text) {
        return MAPPER.valueToTree(new Load(LoadSettings.builder().build()).loadFromString(text));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void validFixtureParsesCleanAndMatchesTheSchema(Path file) throws IOException {
        assertThat(new UdlParser(TestAdapters.all()).parse(file).problems()).isEmpty();
        Set<ValidationMessage> messages = SCHEMA.validate(yaml(Files.readString(file)));
        assertThat(messages).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheParserRejects() {
        String base = "udl: 8\nname: app\nsystems:\n  shop: {adapter: http}\n  db: {adapter: postgres}\n";
        assertThat(SCHEMA.validate(yaml(base))).isEmpty();
        assertThat(SCHEMA.validate(yaml(base.replace("udl: 8", "udl: 7")))).isNotEmpty();
        assertThat(SCHEMA.validate(yaml(base + "routes:\n  - {name: r, from: shop, stpes: []}\n"))).isNotEmpty();
        assertThat(SCHEMA.validate(yaml(base.replace("{adapter: http}", "{adapter: http, prot: 1}")))).isNotEmpty();
        assertThat(SCHEMA.validate(yaml(base.replace("{adapter: http}", "{adapter: htp}")))).isNotEmpty();
        assertThat(SCHEMA.validate(yaml(base.replace("{adapter: http}", "{adapter: http, port: \"${env:PORT}\"}"))))
                .isEmpty();
        assertThat(SCHEMA.validate(yaml(base + "routes:\n  - {name: r, from: shop, engine: diesel}\n"))).isNotEmpty();
        assertThat(SCHEMA.validate(yaml(base + "routes:\n  - {name: r, from: shop, steps: [{validate: A, to: db}]}\n")))
                .isNotEmpty();
        assertThat(SCHEMA.validate(yaml(base + "routes:\n  - {name: r, from: shop, reply: {status: 700}}\n")))
                .isNotEmpty();
    }

    @Test
    void referenceDocListsEverySectionAdapterAndCode() {
        String md = new UdlReferenceGenerator(TestAdapters.all()).generate();
        assertThat(md).contains("## Route\n", "| `deadLetter` |", "*not supported yet*",
                "[`postgres`](adapters/postgres.md)", "| `UDL-038` | `CONFLICTING_KEYS` |");
        assertThat(AdapterPage.generate(TestAdapters.all().get("postgres"))).contains("# Adapter `postgres`",
                "| `sql` | string |");
    }
}
