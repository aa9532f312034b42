package io.unikernal.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broadcast to every connected peer, connection events as headers, and a route without events getting messages
 * only: real JDK WebSocket peers, in process and from the emitted YAML.
 */
class WebSocketBroadcastTest {

    @TempDir
    Path tmp;

    @Test
    void broadcastReachesEveryConnectedPeerOnThePath() throws Exception {
        int port = FreePort.loopback();
        String udl = """
                udl: 8
                name: ws-chat
                systems:
                  chat: {adapter: websocket, port: %d, path: /chat, frame: binary}
                  other: {adapter: websocket, port: %d, path: /other}
                  tick: {adapter: contract-probe}
                  ticked: {adapter: contract-probe}
                routes:
                  - name: say
                    from: {system: chat, replies: false}
                    steps:
                      - transform: {set: {from: "headers.WebSocketPeer != ''"}}
                      - to: {system: chat, broadcast: true}
                  - name: quiet
                    from: other
                    steps:
                      - transform: {set: {seen: "true"}}
                  - name: announce
                    from: tick
                    steps:
                      - to: {system: chat, broadcast: true}
                      - to: ticked
                """.formatted(port, port);
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("ws-chat.udl.yaml", udl, WsApps.adapters(),
                Map.of(), tmp, app -> {
                    Probes.forget("ws-chat");
                    try (var producer = app.context().createProducerTemplate()) {
                        // nobody is connected: the broadcast reaches no one and the route goes on
                        producer.sendBody(Probes.feedUri("ws-chat", "tick"), Map.of("note", "empty"));
                    }
                    Awaitility.await().atMost(WsClient.PATIENCE)
                            .until(() -> Probes.recorded("ws-chat", "ticked").size() == 1);
                    try (WsClient alice = WsClient.connect(port, "/chat"); WsClient bob = WsClient.connect(port, "/chat");
                            WsClient elsewhere = WsClient.connect(port, "/other")) {
                        alice.text("{\"text\": \"hi\"}");
                        List<String> bobGot = bob.await(1);
                        List<String> aliceGot = alice.await(1);
                        try (var producer = app.context().createProducerTemplate()) {
                            producer.sendBody(Probes.feedUri("ws-chat", "tick"), Map.of("note", "all"));
                        }
                        bob.await(2);
                        alice.await(2);
                        elsewhere.text("{\"ping\": 1}");
                        elsewhere.await(1);
                        return List.of(aliceGot, bobGot, alice.received.get(1), bob.received.get(1),
                                elsewhere.received);
                    }
                });
        String said = "binary:{\"text\":\"hi\",\"from\":true}";
        List<Object> expected = List.of(List.of(said), List.of(said), "binary:{\"note\":\"all\"}",
                "binary:{\"note\":\"all\"}", List.of("{\"ping\":1,\"seen\":true}"));
        assertThat(outcomes.inProcess()).isEqualTo(expected);
        assertThat(outcomes.emitted()).isEqualTo(expected);
    }

    @Test
    void connectionEventsOnlyWhenTheRouteAsks() throws Exception {
        int port = FreePort.loopback();
        String udl = """
                udl: 8
                name: ws-events
                systems:
                  ws: {adapter: websocket, port: %d, path: /events}
                  plain: {adapter: websocket, port: %d, path: /plain}
                  seen: {adapter: contract-probe}
                  plainSeen: {adapter: contract-probe}
                routes:
                  - name: watch
                    from: {system: ws, connectionEvents: true}
                    steps:
                      - to: seen
                  - name: plain
                    from: plain
                    steps:
                      - to: plainSeen
                """.formatted(port, port);
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("ws-events.udl.yaml", udl, WsApps.adapters(),
                Map.of(), tmp, app -> {
                    Probes.forget("ws-events");
                    try (WsClient plain = WsClient.connect(port, "/plain")) {
                        plain.text("{\"n\": 1}");
                        plain.await(1);
                    }
                    WsClient peer = WsClient.connect(port, "/events");
                    List<String> welcome = peer.await(1);
                    peer.text("{\"n\": 2}");
                    peer.await(2);
                    peer.close();
                    Awaitility.await("open, message, close").atMost(WsClient.PATIENCE)
                            .until(() -> Probes.recorded("ws-events", "seen").size() == 3);
                    List<Probes.Record> seen = Probes.recorded("ws-events", "seen");
                    String key = seen.get(0).headers().get("WebSocketConnection");
                    List<Object> events = seen.stream().map(r -> (Object) List.of(r.headers().get("WebSocketEvent"),
                            key.equals(r.headers().get("WebSocketConnection")),
                            r.headers().get("WebSocketPeer").startsWith("127.0.0.1:"))).toList();
                    Map<?, ?> open = (Map<?, ?>) seen.get(0).body();
                    return List.of(events, open.get("event"), key.equals(open.get("connection")),
                            welcome.get(0).startsWith("{\"event\":\"open\""),
                            Probes.recorded("ws-events", "plainSeen").size(),
                            Probes.recorded("ws-events", "plainSeen").get(0).headers().get("WebSocketEvent"));
                });
        List<Object> expected = List.of(List.of(List.of("open", true, true), List.of("message", true, true),
                List.of("close", true, true)), "open", true, true, 1, "message");
        assertThat(outcomes.inProcess()).isEqualTo(expected);
        assertThat(outcomes.emitted()).isEqualTo(expected);
    }
}
