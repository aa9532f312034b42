package io.unikernal.adapter.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real WebSocket peer for the tests: the JDK's {@code java.net.http.WebSocket} client, keeping every message it
 * receives (text frames as text, binary frames as {@code binary:} + their UTF-8 text) and the close status.
 */
final class WsClient implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    final List<String> received;
    final CompletableFuture<Integer> closed;
    private final WebSocket socket;

    private WsClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.received = listener.received;
        this.closed = listener.closed;
    }

    static WsClient connect(int port, String path) throws Exception {
        return connect(URI.create("ws://127.0.0.1:" + port + path));
    }

    static WsClient connect(URI uri) throws Exception {
        return connect(uri, HttpClient.newHttpClient());
    }

    /** A wss:// client with this TLS context (one trusting the test CA). */
    static WsClient connect(URI uri, javax.net.ssl.SSLContext tls) throws Exception {
        return connect(uri, HttpClient.newBuilder().sslContext(tls).build());
    }

    private static WsClient connect(URI uri, HttpClient client) throws Exception {
        Listener listener = new Listener();
        WebSocket socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
        return new WsClient(socket, listener);
    }

    void text(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends {@code text} as one message in frames of {@code size} characters. */
    void fragments(String text, int size) throws Exception {
        for (int at = 0; at < text.length(); at += size) {
            int end = Math.min(text.length(), at + size);
            socket.sendText(text.substring(at, end), end == text.length()).get(10, TimeUnit.SECONDS);
        }
    }

    void binary(String text) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code count} messages have come, and returns them. */
    List<String> await(int count) {
        Awaitility.await(count + " websocket messages").atMost(PATIENCE).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5)).until(() -> received.size() >= count);
        return List.copyOf(received);
    }

    /** Waits for the server to close the connection; its status code. */
    int awaitClosed() throws Exception {
        return closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }

    /** Keeps what comes in itself: a frame may arrive before {@code buildAsync} has handed over the socket. */
    private static final class Listener implements WebSocket.Listener {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            bytes.writeBytes(chunk);
            if (last) {
                received.add("binary:" + bytes.toString(StandardCharsets.UTF_8));
                bytes = new java.io.ByteArrayOutputStream();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
