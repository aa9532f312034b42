package io.unikernal.adapter.websocket;

import io.unikernal.testkit.server.RestartableServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket server for the client tests: Vert.x's own, on a loopback port, keeping every message it receives
 * on {@code path} (text as text, binary as {@code binary:} + its UTF-8 text). Stop and start close and reopen the
 * listener on the same port, the messages kept.
 */
final class WsServer implements RestartableServer, AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final int port;
    private final String path;
    private final HttpServerOptions options;
    private HttpServer server;

    WsServer(int port, String path) {
        this(port, path, new HttpServerOptions());
    }

    /** A server with these options: {@code ssl} ones make it a wss server. */
    WsServer(int port, String path, HttpServerOptions options) {
        this.port = port;
        this.path = path;
        this.options = options;
    }

    static WsServer started(int port, String path) {
        WsServer server = new WsServer(port, path);
        server.start();
        return server;
    }

    String url() {
        return (options.isSsl() ? "wss" : "ws") + "://127.0.0.1:" + port + path;
    }

    @Override
    public synchronized void start() {
        // a port that was just closed may take a moment before it binds again (connections of the earlier listener)
        org.awaitility.Awaitility.await("the test's WebSocket server on " + port).atMost(WsClient.PATIENCE)
                .pollInterval(java.time.Duration.ofMillis(50)).ignoreExceptions().until(this::listen);
    }

    private boolean listen() {
        HttpServer created = vertx.createHttpServer(options).webSocketHandler(socket -> {
            if (!path.equals(socket.path())) {
                socket.reject(404);
                return;
            }
            socket.textMessageHandler(received::add);
            socket.binaryMessageHandler(bytes -> received.add("binary:" + bytes.toString(StandardCharsets.UTF_8)));
        });
        try {
            server = created.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("the test's WebSocket server cannot listen on " + port, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the test's WebSocket server does not stop", e);
            }
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
        vertx.close();
    }
}
