package io.unikernal.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The websocket server against real peers (the JDK's WebSocket client), in process and from the emitted YAML. */
class WebSocketServerTest {

    @TempDir
    Path tmp;

    @Test
    void repliesToTheSenderOnlyInTextAndBinaryFrames() throws Exception {
        int port = FreePort.loopback();
        String udl = """
                udl: 8
                name: ws-echo
                systems:
                  ws: {adapter: websocket, port: %d, path: /echo}
                  seen: {adapter: contract-probe}
                routes:
                  - name: echo
                    from: ws
                    steps:
                      - transform: {set: {echo: "id", frame: "headers.WebSocketFrame"}}
                      - to: seen
                """.formatted(port);
        List<Integer> runs = new ArrayList<>();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("ws-echo.udl.yaml", udl, WsApps.adapters(), Map.of(),
                tmp, app -> {
                    runs.add(runs.size() + 1);
                    Probes.forget("ws-echo");
                    try (WsClient alice = WsClient.connect(port, "/echo");
                            WsClient bob = WsClient.connect(port, "/echo")) {
                        alice.text("{\"id\": \"a-1\"}");
                        List<String> aliceGot = alice.await(1);
                        bob.binary("{\"id\": \"b-1\"}");
                        List<String> bobGot = bob.await(1);
                        Awaitility.await().atMost(WsClient.PATIENCE)
                                .until(() -> Probes.recorded("ws-echo", "seen").size() == 2);
                        Object connection = Probes.recorded("ws-echo", "seen").get(0).headers().get("WebSocketConnection");
                        Object peer = Probes.recorded("ws-echo", "seen").get(0).headers().get("WebSocketPeer");
                        return List.of(aliceGot, bobGot, alice.received.size(), bob.received.size(),
                                connection != null, String.valueOf(peer).startsWith("127.0.0.1:"));
                    }
                });
        List<Object> expected = List.of(List.of("{\"id\":\"a-1\",\"echo\":\"a-1\",\"frame\":\"text\"}"),
                List.of("{\"id\":\"b-1\",\"echo\":\"b-1\",\"frame\":\"binary\"}"), 1, 1, true, true);
        assertThat(outcomes.inProcess()).isEqualTo(expected);
        assertThat(outcomes.emitted()).isEqualTo(expected);
    }
}
