package io.unikernal.translate.stream;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
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
 * WebSocket exposed, TCP called, end to end on loopback: the JDK's WebSocket client talks to the translation of a UDL
 * app, a plain {@link java.net.ServerSocket} ({@link TcpPeer}) is the TCP server; each scenario in process and from
 * the emitted YAML ({@link TwoWayRun}), outcomes compared.
 */
class WebSocketToTcpTest {

    @TempDir
    java.nio.file.Path workDir;

    @Test
    void linesGoBothWaysAndEveryConnectionKeepsItsOwn() throws Exception {
        try (TcpPeer peer = new TcpPeer()) {
            int wsPort = FreePort.loopback();
            String name = StreamApps.name();
            TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml",
                    StreamApps.webSocketToTcp(name, wsPort, "", peer.port(), ", framing: line"), Map.of(), workDir,
                    app -> {
                        peer.forgetProbes();
                        List<String> seen = new ArrayList<>();
                        List<WsClient> clients = new ArrayList<>();
                        List<TcpPeer.Connection> connections = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            clients.add(new WsClient(wsPort, "/stream"));
                            connections.add(peer.next()); // one TCP connection per WebSocket connection
                        }
                        for (int i = 0; i < 5; i++) {
                            clients.get(i).text("hello " + i + " ünïcödé");
                        }
                        for (int i = 4; i >= 0; i--) {
                            seen.add(new String(connections.get(i).readLine(), UTF_8));
                            connections.get(i).write(("reply " + i + "\r\n").getBytes(UTF_8));
                        }
                        for (int i = 0; i < 5; i++) {
                            seen.add(clients.get(i).next());
                        }
                        // a line that is not UTF-8 comes as a binary frame, its bytes unchanged
                        connections.get(0).write(new byte[] {'a', (byte) 0xff, (byte) 0xfe, '\n'});
                        seen.add(clients.get(0).next());
                        // a message holding a line end would arrive as two lines: refused with 1007, not forwarded
                        clients.get(1).text("two\nlines");
                        seen.add("close " + clients.get(1).closeCode());
                        assertThat(connections.get(1).atEnd()).as("its TCP connection is closed").isTrue();
                        clients.get(2).text("the others go on");
                        seen.add(new String(connections.get(2).readLine(), UTF_8));
                        await().until(() -> StreamApps.counter(app, "frames", "direction", "to-tcp") == 6);
                        seen.add("to-tcp " + StreamApps.counter(app, "frames", "direction", "to-tcp"));
                        seen.add("to-websocket " + StreamApps.counter(app, "frames", "direction", "to-websocket"));
                        seen.add("bad " + StreamApps.counter(app, "errors", "reason", "bad-frame"));
                        seen.add("open " + StreamApps.gauge(app, "open"));
                        clients.forEach(WsClient::close);
                        return seen;
                    });
            assertThat(runs.inProcess()).containsExactly("hello 4 ünïcödé", "hello 3 ünïcödé", "hello 2 ünïcödé",
                    "hello 1 ünïcödé", "hello 0 ünïcödé", "text:reply 0", "text:reply 1", "text:reply 2",
                    "text:reply 3", "text:reply 4", "binary:a\u00ff\u00fe", "close 1007", "the others go on",
                    "to-tcp 6.0", "to-websocket 6.0", "bad 1.0", "open 4.0");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }

    @Test
    void lengthPrefixedFramesAreBinaryMessagesAndOversizeOnesClose1009() throws Exception {
        try (TcpPeer peer = new TcpPeer()) {
            int wsPort = FreePort.loopback();
            String name = StreamApps.name();
            String udl = StreamApps.webSocketToTcp(name, wsPort, ", maxMessageBytes: 8192", peer.port(),
                    ", framing: length-prefixed, lengthFieldBytes: 2, maxFrameSize: 4096");
            TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir, app -> {
                peer.forgetProbes();
                List<String> seen = new ArrayList<>();
                byte[] bytes = new byte[300];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) i;
                }
                try (WsClient client = new WsClient(wsPort, "/stream")) {
                    TcpPeer.Connection tcp = peer.next();
                    client.binary(bytes);
                    assertThat(tcp.readFrame(2)).isEqualTo(bytes);
                    client.text("héllo");
                    seen.add(new String(tcp.readFrame(2), UTF_8));
                    tcp.write(new byte[] {0, 3, 'a', 0, 'b'});
                    tcp.write(new byte[] {0, 0}); // an empty frame is an empty message
                    seen.add(client.next().replace("\0", "\\0"));
                    seen.add(client.next());
                    // a message the WebSocket side takes but the TCP side's maxFrameSize does not
                    client.binary(new byte[5000]);
                    seen.add("message over maxFrameSize: " + client.closeCode());
                    seen.add("tcp closed: " + tcp.atEnd());
                }
                try (WsClient client = new WsClient(wsPort, "/stream")) {
                    TcpPeer.Connection tcp = peer.next();
                    client.binary(new byte[9000]); // over maxMessageBytes: the WebSocket decoder refuses it
                    seen.add("message over maxMessageBytes: " + client.closeCode());
                    seen.add("tcp closed: " + tcp.atEnd());
                }
                try (WsClient client = new WsClient(wsPort, "/stream")) {
                    TcpPeer.Connection tcp = peer.next();
                    tcp.write(ByteBuffer.allocate(2).putShort((short) 5000).array()); // a frame over maxFrameSize
                    seen.add("tcp frame over maxFrameSize: " + client.closeCode());
                    seen.add("tcp closed: " + tcp.atEnd());
                }
                await().until(() -> StreamApps.counter(app, "errors", "reason", "frame-too-large") == 3);
                return seen;
            });
            assertThat(runs.inProcess()).containsExactly("héllo", "binary:a\\0b", "binary:",
                    "message over maxFrameSize: 1009", "tcp closed: true", "message over maxMessageBytes: 1009",
                    "tcp closed: true", "tcp frame over maxFrameSize: 1009", "tcp closed: true");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }

    @Test
    void aCloseOnEitherSideClosesTheOther() throws Exception {
        List<WsClient> leftOpen = new ArrayList<>();
        try (TcpPeer peer = new TcpPeer()) {
            int wsPort = FreePort.loopback();
            String name = StreamApps.name();
            TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml",
                    StreamApps.webSocketToTcp(name, wsPort, "", peer.port(), ""), Map.of(), workDir, app -> {
                        peer.forgetProbes();
                        List<String> seen = new ArrayList<>();
                        try (WsClient client = new WsClient(wsPort, "/stream")) {
                            TcpPeer.Connection tcp = peer.next();
                            client.text("last words");
                            client.closeNormally();
                            seen.add(new String(tcp.readLine(), UTF_8) + ", then tcp closed: " + tcp.atEnd());
                        }
                        try (WsClient client = new WsClient(wsPort, "/stream")) {
                            peer.next().close();
                            seen.add("tcp peer closed: " + client.closeCode());
                        }
                        try (WsClient client = new WsClient(wsPort, "/stream")) {
                            TcpPeer.Connection tcp = peer.next();
                            // reset only once the bridge has the connection: a reset before it saw the connect
                            // complete is a peer that cannot be reached (also 1011, counted as unavailable)
                            await().until(() -> StreamApps.counter(app, "connections", "outcome", "bridged") == 3);
                            tcp.reset();
                            seen.add("tcp peer reset: " + client.closeCode());
                        }
                        await().until(() -> StreamApps.gauge(app, "open") == 0
                                && StreamApps.counter(app, "errors", "reason", "peer-failed") == 1);
                        WsClient open = new WsClient(wsPort, "/stream");
                        peer.next();
                        leftOpen.add(open); // closed by the app's stop
                        return seen;
                    });
            assertThat(runs.inProcess()).containsExactly("last words, then tcp closed: true", "tcp peer closed: 1000",
                    "tcp peer reset: 1011");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
            for (WsClient client : leftOpen) {
                assertThat(client.closeCode()).as("the app stopping is 1001, going away").isEqualTo(1001);
                client.close();
            }
        }
    }

    @Test
    void otherRequestsToTheListenerAreRefused() throws Exception {
        int wsPort = FreePort.loopback();
        String name = StreamApps.name();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml",
                StreamApps.webSocketToTcp(name, wsPort, "", FreePort.loopback(), ""), Map.of(), workDir, app -> {
                    List<String> seen = new ArrayList<>();
                    for (String path : List.of("/other", "/stream")) {
                        java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + wsPort + path)).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        seen.add(path + " " + response.statusCode());
                    }
                    seen.add("bridged " + StreamApps.counter(app, "connections", "outcome", "bridged"));
                    return seen;
                });
        assertThat(runs.inProcess()).as("another path 404, a plain GET of the WebSocket path 400")
                .containsExactly("/other 404", "/stream 400", "bridged 0.0");
        assertThat(runs.emitted()).isEqualTo(runs.inProcess());
    }

    @Test
    void aTcpPeerThatIsDownClosesTheWebSocketWith1011() throws Exception {
        int wsPort = FreePort.loopback();
        int nobody = FreePort.loopback();
        String name = StreamApps.name();
        TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml",
                StreamApps.webSocketToTcp(name, wsPort, "", nobody, ""), Map.of(), workDir, app -> {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        try (WsClient client = new WsClient(wsPort, "/stream")) {
                            seen.add("close " + client.closeCode());
                        }
                    }
                    await().until(() -> StreamApps.counter(app, "errors", "reason", "peer-unavailable") == 2);
                    seen.add("unavailable " + StreamApps.counter(app, "connections", "outcome", "peer-unavailable"));
                    seen.add("bridged " + StreamApps.counter(app, "connections", "outcome", "bridged"));
                    return seen;
                });
        assertThat(runs.inProcess()).containsExactly("close 1011", "close 1011", "unavailable 2.0", "bridged 0.0");
        assertThat(runs.emitted()).isEqualTo(runs.inProcess());
    }

    /**
     * A TCP peer that does not read: the bridge stops reading from the WebSocket peer (its sends stall) instead of
     * buffering, and holds no more than the high-water mark and one frame; once the peer reads, every byte arrives in
     * order.
     */
    @Test
    void aTcpPeerThatDoesNotReadPausesTheWebSocketSideAndTheBridgeStaysBounded() throws Exception {
        int messages = 400;
        int size = 64 * 1024;
        try (TcpPeer peer = new TcpPeer(64 * 1024)) {
            int wsPort = FreePort.loopback();
            String name = StreamApps.name();
            String udl = StreamApps.webSocketToTcp(name, wsPort, ", maxMessageBytes: 65536", peer.port(),
                    ", framing: length-prefixed, maxFrameSize: 65536");
            TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir, app -> {
                peer.forgetProbes();
                List<String> seen = new ArrayList<>();
                try (WsClient client = new WsClient(wsPort, "/stream")) {
                    TcpPeer.Connection tcp = peer.next();
                    AtomicInteger sent = new AtomicInteger();
                    CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                        try {
                            for (int i = 0; i < messages; i++) {
                                byte[] message = new byte[size];
                                ByteBuffer.wrap(message).putInt(i);
                                client.binary(message);
                                sent.incrementAndGet();
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    long mostBuffered = StreamApps.awaitPaused(app, "to-tcp");
                    seen.add("paused while the sender is held back: " + !sender.isDone());
                    assertThat(sent.get()).as("the WebSocket client's sends stall").isLessThan(messages);
                    assertThat(mostBuffered).as("bytes held by the bridge")
                            .isLessThanOrEqualTo(StreamBridge.HIGH_WATER + size + 4);
                    for (int i = 0; i < messages; i++) {
                        byte[] frame = tcp.readFrame(4);
                        if (frame.length != size || ByteBuffer.wrap(frame).getInt() != i) {
                            throw new AssertionError("frame " + i + " is not the message sent " + i + "th");
                        }
                    }
                    sender.get();
                    seen.add("all " + messages + " arrived in order");
                    seen.add("to-tcp " + StreamApps.counter(app, "frames", "direction", "to-tcp"));
                }
                return seen;
            });
            assertThat(runs.inProcess()).containsExactly("paused while the sender is held back: true",
                    "all 400 arrived in order", "to-tcp 400.0");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }
}
