package io.unikernal.translate.stream;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.Executor;

/**
 * The WebSocket side as a WebSocket of the app's one HTTP listener (Vert.x's, which did the handshake and joins
 * continuation frames up to the listener's message limit). Its handlers run on the connection's event loop, which is
 * also the loop of the splice's TCP connection, so the splice stays on one thread. Reading stops with
 * {@link ServerWebSocket#pause()}; writing is "full" above the splice's high-water mark of Vert.x's write queue, and
 * its drain handler resumes the TCP side.
 */
final class ListenerWebSocketSide implements WebSocketSide {

    private final ServerWebSocket socket;
    private final EventLoop loop;
    private boolean reading = true;

    ListenerWebSocketSide(ServerWebSocket socket, EventLoop loop, Splice splice) {
        this.socket = socket;
        this.loop = loop;
        socket.setWriteQueueMaxSize(StreamBridge.HIGH_WATER);
        // each message is forwarded and flushed at once: Vert.x hands them over one by one, with no end of a read
        socket.textMessageHandler(text -> {
            splice.fromWebSocket(new TextWebSocketFrame(text));
            splice.flushPartnerOf(null);
        });
        socket.binaryMessageHandler(bytes -> {
            splice.fromWebSocket(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes.getBytes())));
            splice.flushPartnerOf(null);
        });
        socket.drainHandler(drained -> splice.webSocketWritable());
        socket.exceptionHandler(failure -> splice.webSocketFailed("the WebSocket connection failed",
                StreamMetrics.FAILED));
        socket.closeHandler(closed -> splice.webSocketClosed());
    }

    @Override
    public void read(boolean on) {
        if (on != reading) {
            reading = on;
            if (on) {
                socket.resume();
            } else {
                socket.pause();
            }
        }
    }

    @Override
    public boolean reading() {
        return reading;
    }

    @Override
    public void write(WebSocketFrame message) {
        try {
            if (message instanceof TextWebSocketFrame text) {
                socket.writeTextMessage(text.text());
            } else {
                socket.writeBinaryMessage(Buffer.buffer(ByteBufUtil.getBytes(message.content())));
            }
        } finally {
            message.release();
        }
    }

    @Override
    public void flush() {
        // Vert.x writes each message as it is given
    }

    @Override
    public boolean writable() {
        return !socket.writeQueueFull();
    }

    @Override
    public boolean active() {
        return !socket.isClosed();
    }

    @Override
    public void close(WebSocketCloseStatus status, String reason) {
        socket.close((short) status.code(), reason);
    }

    @Override
    public void abort() {
        socket.close((short) WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "the bridge closed the connection");
    }

    /** Not known: Vert.x keeps its write queue's size to itself. */
    @Override
    public long pending() {
        return 0;
    }

    @Override
    public Executor loop() {
        return loop;
    }
}
