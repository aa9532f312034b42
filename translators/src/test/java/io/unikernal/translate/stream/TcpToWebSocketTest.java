package io.unikernal.translate.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCP exposed, WebSocket called, end to end on loopback: plain {@link java.net.Socket} clients ({@link TcpClient})
 * talk to the translation of a UDL app, a Vert.x WebSocket server ({@link WsServer}) is the peer; each scenario in
 * process and from the emitted YAML ({@link TwoWayRun}), outcomes compared.
 */
class TcpToWebSocketTest {

    @TempDir
    java.nio.file.Path workDir;

    @Test
    void linesGoBothWaysAndEveryConnectionKeepsItsOwn() throws Exception {
        try (WsServer server = new WsServer()) {
            int tcpPort = FreePort.loopback();
            String name = StreamApps.name();
            TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml",
                    StreamApps.tcpToWebSocket(name, tcpPort, "", server.url("/echo")), Map.of(), workDir, app -> {
                        server.forgetProbes();
                        List<String> seen = new ArrayList<>();
                        List<TcpClient> clients = new ArrayList<>();
                        List<WsServer.Peer> peers = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            clients.add(new TcpClient(tcpPort));
                            peers.add(server.next()); // one WebSocket connection per TCP connection
                        }
                        for (int i = 0; i < 5; i++) {
                            clients.get(i).line("hello " + i + " ünïcödé");
                        }
                        for (int i = 4; i >= 0; i--) {
                            seen.add(peers.get(i).next());
                            peers.get(i).text("reply " + i);
                        }
                        for (int i = 0; i < 5; i++) {
                            seen.add(new String(clients.get(i).readLine(), UTF_8));
                        }
                        // a line that is not UTF-8 goes as a binary message; a binary message comes as its bytes
                        clients.get(0).write(new byte[] {'a', (byte) 0xff, '\n'});
                        seen.add(peers.get(0).next());
                        peers.get(0).binary(new byte[] {'b', (byte) 0xfe});
                        seen.add(new String(clients.get(0).readLine(), java.nio.charset.StandardCharsets.ISO_8859_1));
                        // a message holding a line end would arrive as two lines: 1007 to the server, the TCP
                        // client's connection closed
                        peers.get(1).text("two\nlines");
                        seen.add("close " + peers.get(1).closeCode());
                        seen.add("tcp closed: " + clients.get(1).atEnd());
                        clients.get(2).line("the others go on");
                        seen.add(peers.get(2).next());
                        await().until(() -> StreamApps.counter(app, "frames", "direction", "to-websocket") == 7);
                        seen.add("to-websocket " + StreamApps.counter(app, "frames", "direction", "to-websocket"));
                        seen.add("to-tcp " + StreamApps.counter(app, "frames", "direction", "to-tcp"));
                        for (TcpClient client : clients) {
                            client.close();
                        }
                        return seen;
                    });
            assertThat(runs.inProcess()).containsExactly("text:hello 4 ünïcödé", "text:hello 3 ünïcödé",
                    "text:hello 2 ünïcödé", "text:hello 1 ünïcödé", "text:hello 0 ünïcödé", "reply 0", "reply 1",
                    "reply 2", "reply 3", "reply 4", "binary:a\u00ff", "b\u00fe", "close 1007", "tcp closed: true",
                    "text:the others go on", "to-websocket 7.0", "to-tcp 6.0");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }

    @Test
    void aCloseOnEitherSideClosesTheOtherAndAnUnreachableServerClosesTheTcpConnection() throws Exception {
        try (WsServer server = new WsServer()) {
            int tcpPort = FreePort.loopback();
            String name = StreamApps.name();
            String udl = StreamApps.tcpToWebSocket(name, tcpPort, ", framing: length-prefixed, maxFrameSize: 4096",
                    server.url("/echo"));
            TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir, app -> {
                server.forgetProbes();
                List<String> seen = new ArrayList<>();
                try (TcpClient client = new TcpClient(tcpPort)) {
                    WsServer.Peer peer = server.next();
                    client.write(ByteBuffer.allocate(7).putInt(3).put(new byte[] {1, 2, 3}).array());
                    seen.add(peer.next().replace("\1\2\3", "1,2,3"));
                    client.close();
                    seen.add("tcp client closed: " + peer.closeCode());
                }
                try (TcpClient client = new TcpClient(tcpPort)) {
                    server.next().close();
                    seen.add("server closed, tcp closed: " + client.atEnd());
                }
                try (TcpClient client = new TcpClient(tcpPort)) {
                    WsServer.Peer peer = server.next();
                    peer.binary(new byte[5000]); // over maxFrameSize: the bridge's WebSocket decoder refuses it
                    seen.add("message over maxFrameSize: " + peer.closeCode() + ", tcp closed: " + client.atEnd());
                }
                try (TcpClient client = new TcpClient(tcpPort)) {
                    WsServer.Peer peer = server.next();
                    client.write(ByteBuffer.allocate(4).putInt(5000).array()); // a TCP frame over maxFrameSize
                    seen.add("tcp frame over maxFrameSize: " + peer.closeCode() + ", tcp closed: " + client.atEnd());
                }
                return seen;
            });
            assertThat(runs.inProcess()).containsExactly("binary:1,2,3", "tcp client closed: 1000",
                    "server closed, tcp closed: true", "message over maxFrameSize: 1009, tcp closed: true",
                    "tcp frame over maxFrameSize: 1009, tcp closed: true");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }

    @Test
    void aServerThatIsDownOrRefusesTheUpgradeClosesTheTcpConnection() throws Exception {
        int tcpPort = FreePort.loopback();
        String name = StreamApps.name();
        TwoWayRun.Outcomes<List<String>> down = TwoWayRun.run(name + ".udl.yaml", StreamApps.tcpToWebSocket(name,
                tcpPort, "", "ws://127.0.0.1:" + FreePort.loopback() + "/echo"), Map.of(), workDir, app -> {
                    List<String> seen = new ArrayList<>();
                    try (TcpClient client = new TcpClient(tcpPort)) {
                        client.line("is anybody there");
                        seen.add("server down, tcp closed: " + client.atEnd());
                    }
                    await().until(() -> StreamApps.counter(app, "errors", "reason", "peer-unavailable") == 1);
                    return seen;
                });
        assertThat(down.inProcess()).containsExactly("server down, tcp closed: true");
        assertThat(down.emitted()).isEqualTo(down.inProcess());
        try (WsServer server = new WsServer()) {
            String refusing = StreamApps.name();
            TwoWayRun.Outcomes<List<String>> refused = TwoWayRun.run(refusing + ".udl.yaml",
                    StreamApps.tcpToWebSocket(refusing, tcpPort, "", server.url("/echo")), Map.of(), workDir, app -> {
                        server.refuseUpgrades(true);
                        List<String> seen = new ArrayList<>();
                        try (TcpClient client = new TcpClient(tcpPort)) {
                            seen.add("upgrade refused, tcp closed: " + client.atEnd());
                        }
                        await().until(() -> StreamApps.counter(app, "connections", "outcome", "peer-unavailable") == 1);
                        server.refuseUpgrades(false); // the next run's probe is let in again
                        return seen;
                    });
            assertThat(refused.inProcess()).containsExactly("upgrade refused, tcp closed: true");
            assertThat(refused.emitted()).isEqualTo(refused.inProcess());
        }
    }

    /**
     * A WebSocket server that does not read: the bridge stops reading from the TCP client (its writes stall) and
     * holds no more than the high-water mark and one frame; once the server reads, every message arrives in order.
     */
    @Test
    void aWebSocketServerThatDoesNotReadPausesTheTcpSideAndTheBridgeStaysBounded() throws Exception {
        int messages = 400;
        int size = 64 * 1024;
        try (WsServer server = new WsServer()) {
            int tcpPort = FreePort.loopback();
            String name = StreamApps.name();
            String udl = StreamApps.tcpToWebSocket(name, tcpPort, ", framing: length-prefixed, maxFrameSize: 65536",
                    server.url("/echo"));
            TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir, app -> {
                server.forgetProbes();
                List<String> seen = new ArrayList<>();
                try (TcpClient client = new TcpClient(tcpPort)) {
                    WsServer.Peer peer = server.next();
                    peer.pause();
                    AtomicInteger sent = new AtomicInteger();
                    CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                        try {
                            for (int i = 0; i < messages; i++) {
                                ByteBuffer frame = ByteBuffer.allocate(4 + size).putInt(size).putInt(i);
                                client.write(frame.array());
                                sent.incrementAndGet();
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    long mostBuffered = StreamApps.awaitPaused(app, "to-websocket");
                    seen.add("paused while the sender is held back: " + !sender.isDone());
                    assertThat(sent.get()).as("the TCP client's writes stall").isLessThan(messages);
                    assertThat(mostBuffered).as("bytes held by the bridge")
                            .isLessThanOrEqualTo(StreamBridge.HIGH_WATER + size + 14);
                    peer.resume();
                    for (int i = 0; i < messages; i++) {
                        String message = peer.next();
                        if (!message.equals("binary[" + size + "]#" + i)) {
                            throw new AssertionError("message " + i + " is " + message);
                        }
                    }
                    sender.get();
                    seen.add("all " + messages + " arrived in order");
                }
                return seen;
            });
            assertThat(runs.inProcess()).containsExactly("paused while the sender is held back: true",
                    "all 400 arrived in order");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }
}
