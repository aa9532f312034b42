package io.unikernal.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The websocket-client target against a real WebSocket server (Vert.x's, started by the test on loopback): text and
 * binary frames, and a server that is down while messages are sent, carried by the route's retry policy.
 */
class WebSocketClientTest {

    @TempDir
    Path tmp;

    @Test
    void writesTextAndBinaryFramesToARealServer() throws Exception {
        try (WsServer server = WsServer.started(FreePort.loopback(), "/in")) {
            String udl = """
                    udl: 8
                    name: ws-client
                    systems:
                      feed: {adapter: contract-probe}
                      binFeed: {adapter: contract-probe}
                      peer: {adapter: websocket-client, url: "%s"}
                      binPeer: {adapter: websocket-client, url: "%s", frame: binary}
                    routes:
                      - name: out
                        from: feed
                        steps:
                          - to: peer
                          - to: binPeer
                    """.formatted(server.url(), server.url());
            TwoWayRun.Outcomes<List<String>> outcomes = TwoWayRun.run("ws-client.udl.yaml", udl, WsApps.adapters(),
                    Map.of(), tmp, app -> {
                        server.received.clear();
                        try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                            producer.sendBody(Probes.feedUri("ws-client", "feed"), Map.of("id", "m-1"));
                        }
                        Awaitility.await().atMost(WsClient.PATIENCE).until(() -> server.received.size() == 2);
                        return List.copyOf(server.received);
                    });
            List<String> expected = List.of("{\"id\":\"m-1\"}", "binary:{\"id\":\"m-1\"}");
            assertThat(outcomes.inProcess()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(outcomes.emitted()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aServerThatIsDownIsRetriedUntilItIsBack() throws Exception {
        int port = FreePort.loopback();
        try (WsServer server = new WsServer(port, "/in")) {
            String udl = """
                    udl: 8
                    name: ws-down
                    systems:
                      feed: {adapter: contract-probe}
                      peer: {adapter: websocket-client, url: "%s"}
                      parked: {adapter: contract-probe}
                    routes:
                      - name: out
                        from: feed
                        policy: {retry: {attempts: 100, initial: 100ms, max: 300ms}}
                        steps:
                          - to: peer
                        deadLetter: parked
                    """.formatted(server.url());
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("ws-down.udl.yaml", udl, WsApps.adapters(),
                    Map.of(), tmp, app -> {
                        Probes.forget("ws-down");
                        server.received.clear();
                        // down: the port takes connections and drops them before any handshake, counting them
                        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
                        try (java.net.ServerSocket dead = new java.net.ServerSocket()) {
                            dead.setReuseAddress(true);
                            dead.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                            Thread dropper = new Thread(() -> {
                                while (!dead.isClosed()) {
                                    try (java.net.Socket socket = dead.accept()) {
                                        attempts.incrementAndGet();
                                    } catch (java.io.IOException closed) {
                                        return;
                                    }
                                }
                            });
                            dropper.start();
                            try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                                producer.sendBody(Probes.feedUri("ws-down", "feed"), Map.of("id", "late"));
                            }
                            // the call failed and the route's policy tries it again
                            Awaitility.await("a failed attempt and a retry").atMost(WsClient.PATIENCE)
                                    .until(() -> attempts.get() >= 3);
                        }
                        server.start();
                        Awaitility.await().atMost(WsClient.PATIENCE).until(() -> server.received.size() == 1);
                        List<Object> seen = List.of(List.copyOf(server.received),
                                Probes.recorded("ws-down", "parked").size());
                        server.stop();
                        return seen;
                    });
            List<Object> expected = List.of(List.of("{\"id\":\"late\"}"), 0);
            assertThat(outcomes.inProcess()).isEqualTo(expected);
            assertThat(outcomes.emitted()).isEqualTo(expected);
        }
    }
}
