package io.unikernal.translate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.model.BeanFactoryDefinition;
import org.junit.jupiter.api.Test;

/**
 * The checks of the WebSocket <-> TCP kinds, each problem at its file:line:col with its code, and what an item
 * compiles to: one bridge bean, no route, no server of the exposed adapter's own on the bridge's port.
 */
class StreamChecksTest {

    private static final String SYSTEMS = "udl: 8\nname: s\nsystems:\n"
            + "  front: {adapter: websocket, port: 8090, path: /stream}\n"
            + "  back: {adapter: tcp, port: 7000, framing: length-prefixed, lengthFieldBytes: 2}\n"
            + "  lines: {adapter: tcp, port: 7001}\n"
            + "  remote: {adapter: websocket-client, url: \"ws://127.0.0.1:9001/feed\"}\n";

    private static List<String> problems(String udl) {
        return new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream().map(UdlError::render)
                .toList();
    }

    private static String translation(String expose, String target) {
        return "translations:\n  - name: t1\n    expose: " + expose + "\n    target: " + target + "\n";
    }

    @Test
    void theDocumentedShapesHaveNoProblems() {
        assertThat(problems(SYSTEMS + translation("{system: front, protocol: websocket}", "{system: back}")))
                .isEmpty();
        assertThat(problems(SYSTEMS + translation("{system: lines, protocol: tcp}", "{system: remote}"))).isEmpty();
    }

    @Test
    void aBridgeExposedOnAnotherAdapterIsRefusedAtItsLine() {
        assertThat(problems(SYSTEMS + translation("{system: lines, protocol: websocket}", "{system: back}")))
                .singleElement().asString().startsWith("app.udl:10:").contains("[STREAM-001]")
                .contains("system lines (adapter tcp) cannot expose websocket");
    }

    @Test
    void tlsOnEitherSideIsRefusedAsNotSupportedYet() {
        String udl = "udl: 8\nname: s\nsystems:\n"
                + "  lines: {adapter: tcp, port: 7001}\n"
                + "  secure: {adapter: websocket-client, url: \"wss://127.0.0.1:9001/feed\"}\n"
                + translation("{system: lines, protocol: tcp}", "{system: secure}");
        assertThat(problems(udl)).singleElement().asString().startsWith("app.udl:5:").contains("[STREAM-002]")
                .contains("system secure uses TLS");
    }

    @Test
    void aWebSocketSystemOnTheHttpListenerIsAccepted() {
        String udl = "udl: 8\nname: s\nsystems:\n"
                + "  api: {adapter: http, port: 8080}\n"
                + "  front: {adapter: websocket, listener: http, port: 8080, path: /stream}\n"
                + "  back: {adapter: tcp, port: 7000}\n"
                + translation("{system: front, protocol: websocket}", "{system: back}");
        assertThat(problems(udl)).as("the bridge mounts its path on the app's listener").isEmpty();
    }

    @Test
    void anItemCompilesToOneBridgeBeanAndNoRoute() throws Exception {
        UdlDocument doc = new UdlParser(Adapters.installed()).parse("app.udl", SYSTEMS
                + translation("{system: front, protocol: websocket}", "{system: back}")).orThrow();
        CompiledApp app = new UdlCompiler(Adapters.installed()).compile(doc, Path.of("."), CompileOptions.DEFAULT);
        assertThat(app.routes()).isEmpty();
        BeanFactoryDefinition<?> bridge = app.beans().stream().filter(b -> b.getName().equals("translation-t1"))
                .findFirst().orElseThrow();
        assertThat(bridge.getType()).isEqualTo(WebSocketTcpBridge.class.getName());
        assertThat(bridge.getProperties()).containsEntry("port", "8090").containsEntry("path", "/stream")
                .containsEntry("tcpPort", "7000").containsEntry("framing", "length-prefixed")
                .containsEntry("lengthFieldBytes", "2");
        assertThat(bridge.getInitMethod()).isEqualTo("start");
        assertThat(bridge.getDestroyMethod()).isEqualTo("stop");
        assertThat(app.beans()).as("the websocket system opens no push server of its own on the bridge's port")
                .noneMatch(b -> b.getName().endsWith(".pushServer"));
        String yaml = YamlEmitter.routesYaml(app);
        assertThat(yaml).contains("type: " + WebSocketTcpBridge.class.getName()).doesNotContain("route:");
    }

    @Test
    void aTcpListenerServedByABridgeIsProbedAsAListener() throws Exception {
        UdlDocument doc = new UdlParser(Adapters.installed()).parse("app.udl", SYSTEMS
                + translation("{system: lines, protocol: tcp}", "{system: remote}")).orThrow();
        CompiledApp app = new UdlCompiler(Adapters.installed()).compile(doc, Path.of("."), CompileOptions.DEFAULT);
        assertThat(app.beans()).filteredOn(b -> b.getName().equals("system.lines.probe")).singleElement()
                .satisfies(probe -> assertThat(probe.getProperties()).containsEntry("listener", "true"));
        // a tcp system no route and no bridge serves is still a target
        assertThat(app.beans()).filteredOn(b -> b.getName().equals("system.back.probe")).singleElement()
                .satisfies(probe -> assertThat(probe.getProperties()).containsEntry("listener", "false"));
    }
}
