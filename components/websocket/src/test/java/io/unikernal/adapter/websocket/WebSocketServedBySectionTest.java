package io.unikernal.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.plugins.Language;
import io.unikernal.plugins.SectionKinds;
import io.unikernal.plugins.StepKinds;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.camel.model.BeanFactoryDefinition;
import org.junit.jupiter.api.Test;

/**
 * A websocket system that a section serves with a listener of its own (as a WebSocket <-> TCP translation does) gets
 * no push server on its port; one that nothing serves still does.
 */
class WebSocketServedBySectionTest {

    /** A section {@code served: [system, ...]} that claims the listeners of the systems it names. */
    private static final class Served implements SectionKind<List<String>> {
        @Override
        public UdlKey key() {
            return UdlKey.of("served", ValueKind.STRING_LIST, "Systems this test section serves itself.", "[chat]");
        }

        @SuppressWarnings("unchecked")
        @Override
        public Class<List<String>> modelType() {
            return (Class<List<String>>) (Class<?>) List.class;
        }

        @Override
        public List<String> bind(StepInput input) {
            return input.items().stream().map(StepInput::text).toList();
        }

        @Override
        public Set<String> servedSystems(List<String> section, UdlDocument document) {
            return Set.copyOf(section);
        }

        @Override
        public void compile(List<String> section, SectionCompilation compilation) {
        }
    }

    @Test
    void aSystemASectionServesGetsNoPushServer() {
        Language language = Language.of(StepKinds.installed(), SectionKinds.of(List.of(new Served())));
        String udl = "udl: 8\nname: served\nsystems:\n"
                + "  chat: {adapter: websocket, port: 8090, path: /chat}\n"
                + "  board: {adapter: websocket, port: 8090, path: /board}\n"
                + "served: [chat]\n";
        UdlDocument doc = new UdlParser(Adapters.installed(), language).parse("app.udl", udl).orThrow();
        CompiledApp app = new UdlCompiler(Adapters.installed(), language).compile(doc, Path.of("."),
                CompileOptions.DEFAULT);
        assertThat(app.beans()).map(BeanFactoryDefinition::getName).contains("system.board.pushServer")
                .doesNotContain("system.chat.pushServer");
    }
}
