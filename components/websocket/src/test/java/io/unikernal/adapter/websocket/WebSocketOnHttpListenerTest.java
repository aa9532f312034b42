package io.unikernal.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listener: http}: a WebSocket endpoint on the app's one HTTP listener, beside a REST route on the same port —
 * the JDK's WebSocket client upgrades there and gets the route's replies, two peers kept apart, in process and from
 * the emitted YAML; the listener's settings are checked like every system that shares it, and its own size limit
 * cannot be set there.
 */
class WebSocketOnHttpListenerTest {

    @TempDir
    Path tmp;

    @Test
    void webSocketAndRestAreAnsweredOnOnePort() throws Exception {
        int port = FreePort.loopback();
        String udl = """
                udl: 8
                name: ws-on-http
                systems:
                  ws: {adapter: websocket, listener: http, port: %d, path: /chat}
                  rest: {adapter: http, port: %d, path: /rest}
                routes:
                  - name: echo
                    from: ws
                    steps:
                      - transform: {set: {echo: "id"}}
                  - name: ping
                    from: {system: rest, method: POST}
                    steps:
                      - transform: {set: {pong: "true"}}
                """.formatted(port, port);
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("ws-on-http.udl.yaml", udl, WsApps.adapters(),
                Map.of(), tmp, app -> {
                    try (WsClient alice = WsClient.connect(port, "/chat");
                            WsClient bob = WsClient.connect(port, "/chat")) {
                        alice.text("{\"id\": \"a-1\"}");
                        List<String> aliceGot = alice.await(1);
                        bob.text("{\"id\": \"b-1\"}");
                        List<String> bobGot = bob.await(1);
                        HttpResponse<String> rest = Http.postForResponse(port, "/rest", "{\"id\": \"r\"}");
                        return List.of(aliceGot, bobGot, rest.statusCode(), rest.body().contains("\"pong\":true"));
                    }
                });
        assertThat(outcomes.inProcess()).isEqualTo(List.of(List.of("{\"id\":\"a-1\",\"echo\":\"a-1\"}"),
                List.of("{\"id\":\"b-1\",\"echo\":\"b-1\"}"), 200, true));
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    @Test
    void anotherPortThanTheHttpSystemsIsAConflictAndTheListenersLimitsApply() {
        String udl = "udl: 8\nname: app\nsystems:\n"
                + "  ws: {adapter: websocket, listener: http, port: 9001, maxMessageBytes: 100}\n"
                + "  rest: {adapter: http, port: 9000}\n"
                + "routes:\n  - name: echo\n    from: ws\n    reply: {body: \"'hi'\"}\n"
                + "  - name: ping\n    from: rest\n    reply: {body: \"'ok'\"}\n";
        List<String> problems = new UdlParser(WsApps.adapters()).parse(tmp.resolve("app.udl").toString(), udl)
                .problems().stream().map(UdlError::headline).toList();
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("port").endsWith("[UDL-029]"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("listener")
                .contains("maxMessageBytes"));
    }
}
