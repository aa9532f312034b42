package io.unikernal.translate.stream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket server (Vert.x, as the websocket adapter runs on) on a loopback port: {@code /echo} upgrades, any
 * other path is refused with 403. The test reads and writes each connection itself.
 */
final class WsServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private volatile boolean refusing;

    WsServer() throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setMaxWebSocketMessageSize(1 << 20).setMaxWebSocketFrameSize(1 << 20))
                .requestHandler(request -> {
                    if (request.path().equals("/echo") && !refusing) {
                        request.toWebSocket().onSuccess(ws -> accepted.add(new Peer(ws)));
                    } else {
                        request.response().setStatusCode(403).end();
                    }
                }).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "ws://127.0.0.1:" + server.actualPort() + path;
    }

    /** From now on every upgrade is refused with 403 (the app's probe, at its start, was let in), or not. */
    void refuseUpgrades(boolean refuse) {
        refusing = refuse;
    }

    /**
     * Forgets the connections so far: the websocket-client system's probe opens one when the app starts (and closes
     * it); the connections a scenario looks at are the bridge's, opened after this.
     */
    void forgetProbes() {
        accepted.clear();
    }

    Peer next() throws InterruptedException {
        Peer peer = accepted.poll(10, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("the bridge opened no WebSocket connection");
        }
        return peer;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One connection the bridge opened: its messages (text as "text:...", binary as "binary:" + ISO-8859-1). */
    static final class Peer {
        private final ServerWebSocket socket;
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();

        Peer(ServerWebSocket socket) {
            this.socket = socket;
            socket.textMessageHandler(text -> messages.add("text:" + text));
            socket.binaryMessageHandler(bytes -> messages.add(bytes.length() > 1024
                    ? "binary[" + bytes.length() + "]#" + bytes.getInt(0)
                    : "binary:" + bytes.toString(StandardCharsets.ISO_8859_1)));
            socket.closeHandler(v -> closed.complete(socket.closeStatusCode() == null ? -1
                    : (int) socket.closeStatusCode()));
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no WebSocket message came");
            }
            return message;
        }

        void text(String text) {
            socket.writeTextMessage(text);
        }

        void binary(byte[] bytes) {
            socket.writeBinaryMessage(Buffer.buffer(bytes));
        }

        /** The close code the bridge sent (-1: none). */
        int closeCode() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }

        void close() {
            socket.close((short) 1000, "done");
        }

        /** Stops reading: the bridge's writes to it queue up in the kernel, then in the bridge. */
        void pause() {
            socket.pause();
        }

        void resume() {
            socket.resume();
        }
    }
}
