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
 * Bad input on a websocket server, from real peers: malformed JSON gets an error frame back and is dead-lettered with
 * its reason; a message over maxMessageBytes closes that peer's connection (1009) while another peer goes on.
 */
class WebSocketBadInputTest {

    @TempDir
    Path tmp;

    @Test
    void malformedJsonGetsAnErrorFrameAndIsDeadLettered() throws Exception {
        int port = FreePort.loopback();
        String udl = """
                udl: 8
                name: ws-malformed
                systems:
                  ws: {adapter: websocket, port: %d, path: /in}
                  seen: {adapter: contract-probe}
                  parked: {adapter: contract-probe}
                routes:
                  - name: take
                    from: ws
                    steps:
                      - to: seen
                    deadLetter: parked
                """.formatted(port);
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("ws-malformed.udl.yaml", udl, WsApps.adapters(),
                Map.of(), tmp, app -> {
                    Probes.forget("ws-malformed");
                    try (WsClient peer = WsClient.connect(port, "/in")) {
                        peer.text("{\"id\": \"broken");
                        String error = peer.await(1).get(0);
                        peer.text("{\"id\": \"fine\"}");
                        peer.await(2);
                        Awaitility.await().atMost(WsClient.PATIENCE)
                                .until(() -> Probes.recorded("ws-malformed", "parked").size() == 1
                                        && Probes.recorded("ws-malformed", "seen").size() == 1);
                        Map<?, ?> parked = (Map<?, ?>) Probes.recorded("ws-malformed", "parked").get(0).body();
                        return List.of(error.startsWith("{\"error\":\"the body is not valid JSON\""),
                                String.valueOf(parked.get("reason")), parked.get("payload"),
                                Probes.recorded("ws-malformed", "seen").get(0).body(), peer.received.get(1));
                    }
                });
        assertThat(outcomes.inProcess()).isEqualTo(outcomes.emitted());
        assertThat(outcomes.inProcess().get(0)).as("the error frame").isEqualTo(true);
        assertThat((String) outcomes.inProcess().get(1)).contains("not valid JSON");
        assertThat(outcomes.inProcess().get(2)).isEqualTo("{\"id\": \"broken");
        assertThat(outcomes.inProcess().get(3)).isEqualTo(Map.of("id", "fine"));
        assertThat(outcomes.inProcess().get(4)).isEqualTo("{\"id\":\"fine\"}");
    }

    @Test
    void anOversizeMessageClosesThatConnectionOnly() throws Exception {
        int port = FreePort.loopback();
        String udl = """
                udl: 8
                name: ws-oversize
                systems:
                  ws: {adapter: websocket, port: %d, path: /in, maxMessageBytes: 1000}
                  seen: {adapter: contract-probe}
                routes:
                  - name: take
                    from: ws
                    steps:
                      - to: seen
                """.formatted(port);
        String big = "{\"id\": \"" + "x".repeat(2000) + "\"}";
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("ws-oversize.udl.yaml", udl, WsApps.adapters(),
                Map.of(), tmp, app -> {
                    Probes.forget("ws-oversize");
                    try (WsClient large = WsClient.connect(port, "/in"); WsClient small = WsClient.connect(port, "/in")) {
                        large.text(big);
                        int status = large.awaitClosed();
                        int fragmented;
                        try (WsClient pieces = WsClient.connect(port, "/in")) {
                            pieces.fragments(big, 600);
                            fragmented = pieces.awaitClosed();
                        }
                        small.text("{\"id\": \"small\"}");
                        List<String> reply = small.await(1);
                        try (WsClient later = WsClient.connect(port, "/in")) {
                            later.binary("{\"id\": \"later\"}");
                            later.await(1);
                        }
                        return List.of(closedBy(status), closedBy(fragmented), reply, Probes.recorded("ws-oversize", "seen").size());
                    }
                });
        List<Object> expected = List.of(true, true, List.of("{\"id\":\"small\"}"), 2);
        assertThat(outcomes.inProcess()).isEqualTo(expected);
        assertThat(outcomes.emitted()).isEqualTo(expected);
    }

    /**
     * Closed by the server for the size: 1009 (message too big) when Vert.x sends the close frame before it drops the
     * connection, 1006 (no close frame) when Netty's frame decoder drops it at once.
     */
    private static boolean closedBy(int status) {
        return status == 1009 || status == 1006;
    }
}
