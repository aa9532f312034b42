package io.unikernal.translate.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridged connection: a WebSocket channel and a TCP channel on one event loop (so nothing here is shared between
 * threads), each side's messages written to the other. Back-pressure instead of buffering: when the side written to
 * holds more than its high-water mark ({@link StreamBridge#HIGH_WATER}) unsent, reading from the other side stops
 * ({@code autoRead} off, the kernel's TCP window then slows the sender) until it drained below the low-water mark.
 * So the bridge holds at most about one mark plus one frame per direction, whatever the peers do. Closing either side
 * closes the other: the TCP side after what was forwarded is flushed, the WebSocket side with a close frame whose
 * code says why (1000 the TCP peer closed, 1011 it failed or cannot be reached, 1009 a frame over a limit, 1007 a
 * frame the framing cannot carry, 1001 the app stops).
 */
final class Splice {

    private static final Logger LOG = LoggerFactory.getLogger(Splice.class);

    private final String translation;
    private final TcpFraming framing;
    private final StreamMetrics metrics;
    private final java.util.function.Consumer<Splice> onEnd;
    /** Frames the WebSocket peer sent before the TCP side was connected (one read at most: reading is off then). */
    private final ArrayDeque<WebSocketFrame> early = new ArrayDeque<>();
    private WebSocketSide webSocket;
    private Channel tcp;
    private boolean bridged;
    private boolean ended;
    private boolean closeSent;
    private boolean upgraded;

    Splice(String translation, TcpFraming framing, StreamMetrics metrics, java.util.function.Consumer<Splice> onEnd) {
        this.translation = translation;
        this.framing = framing;
        this.metrics = metrics;
        this.onEnd = onEnd;
    }

    TcpFraming framing() {
        return framing;
    }

    void webSocket(Channel channel) {
        this.webSocket = new NettyWebSocketSide(channel);
    }

    /** The WebSocket side when it is not a Netty channel of the bridge's own (a WebSocket of the app's listener). */
    void webSocket(WebSocketSide side) {
        this.webSocket = side;
    }

    void tcp(Channel channel) {
        this.tcp = channel;
    }

    /** Both sides are connected: what came early is forwarded and both sides are read. */
    void bridge() {
        if (ended) {
            // one side left while the other was connecting: the late one is closed too
            closeTcp();
            closeWebSocket(WebSocketCloseStatus.NORMAL_CLOSURE, "the TCP client closed the connection");
            return;
        }
        bridged = true;
        metrics.bridged();
        while (!early.isEmpty()) {
            fromWebSocket(early.poll());
        }
        tcp.flush();
        webSocket.read(true);
        tcp.config().setAutoRead(true);
    }

    /** The WebSocket handshake is done: the WebSocket side is closed with close frames from now on. */
    void upgraded() {
        upgraded = true;
    }

    /** The TCP peer cannot be reached: the WebSocket peer gets 1011 with a reason. */
    void tcpUnavailable() {
        LOG.warn("translation {}: the TCP peer is unavailable, the WebSocket connection is closed (1011)", translation);
        metrics.unavailable();
        closeWebSocket(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "the TCP peer is unavailable");
    }

    /** The WebSocket server cannot be reached or refused the upgrade: the TCP client's connection is closed. */
    void webSocketUnavailable() {
        LOG.warn("translation {}: the WebSocket server is unavailable, the TCP connection is closed", translation);
        metrics.unavailable();
        closeTcp();
        if (webSocket != null) {
            webSocket.abort();
        }
    }

    /** A message from the WebSocket peer, owned by this call. */
    void fromWebSocket(WebSocketFrame frame) {
        if (closeSent) {
            frame.release(); // the connection is ending: nothing more is forwarded
            return;
        }
        if (!bridged) {
            early.add(frame);
            return;
        }
        try {
            ByteBuf out = framing.toTcp(frame.content(), tcp.alloc());
            metrics.forwarded(StreamMetrics.TO_TCP, frame.content().readableBytes());
            tcp.write(out, tcp.voidPromise());
            if (!tcp.isWritable() && webSocket.reading()) {
                webSocket.read(false);
                metrics.paused(StreamMetrics.TO_TCP);
            }
        } catch (FrameRefused refused) {
            refuse(refused);
        } finally {
            frame.release();
        }
    }

    /** A frame from the TCP peer, owned by this call. */
    void fromTcp(ByteBuf frame) {
        if (closeSent) {
            frame.release();
            return;
        }
        int length = frame.readableBytes();
        webSocket.write(framing.toWebSocket(frame));
        metrics.forwarded(StreamMetrics.TO_WEBSOCKET, length);
        if (!webSocket.writable() && tcp.config().isAutoRead()) {
            tcp.config().setAutoRead(false);
            metrics.paused(StreamMetrics.TO_WEBSOCKET);
        }
    }

    /**
     * After a read of {@code channel}: what was forwarded from it goes out, in one flush ({@code null}: the
     * WebSocket side, when it is no channel of the bridge's).
     */
    void flushPartnerOf(Channel channel) {
        if (bridged) {
            if (channel == tcp) {
                webSocket.flush();
            } else {
                tcp.flush();
            }
        }
    }

    /** One side's channel ended: the other is closed. */
    void closed(Channel channel) {
        if (channel == tcp) {
            tcpClosed();
        } else {
            webSocketClosed();
        }
    }

    /** {@code channel} drained below its low-water mark: the side that feeds it is read again. */
    void writable(Channel channel) {
        if (channel == tcp) {
            if (bridged && !ended && tcp.isWritable() && webSocket != null && webSocket.active()) {
                webSocket.read(true);
            }
        } else {
            webSocketWritable();
        }
    }

    /** The WebSocket side drained: the TCP side is read again. */
    void webSocketWritable() {
        if (bridged && !ended && webSocket.writable() && tcp != null && tcp.isActive()) {
            tcp.config().setAutoRead(true);
        }
    }

    /** A message one framing cannot carry: logged (no data), counted, both sides closed. */
    void refuse(FrameRefused refused) {
        LOG.warn("translation {}: closed a connection: {}", translation, refused.reason());
        metrics.error(refused.kind());
        closeWebSocket(refused.status(), refused.reason());
        closeTcp();
    }

    /** The TCP side failed (reset, a frame over its limit): the WebSocket side is told why. */
    void tcpFailed(WebSocketCloseStatus status, String reason, String metric) {
        LOG.debug("translation {}: the TCP side ended: {}", translation, reason);
        metrics.error(metric);
        closeWebSocket(status, reason);
        closeTcp();
    }

    /** The WebSocket side failed: the TCP side is closed (a TCP connection has no reason to give). */
    void webSocketFailed(String reason, String metric) {
        LOG.debug("translation {}: the WebSocket side ended: {}", translation, reason);
        metrics.error(metric);
        closeWebSocket(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, reason);
        closeTcp();
    }

    private void tcpClosed() {
        closeWebSocket(WebSocketCloseStatus.NORMAL_CLOSURE, "the TCP peer closed the connection");
        end();
    }

    /** The WebSocket side ended. */
    void webSocketClosed() {
        closeTcp();
        end();
    }

    /** The WebSocket side gets a close frame; its protocol handler closes it on the peer's answer or a timeout. */
    private void closeWebSocket(WebSocketCloseStatus status, String reason) {
        if (webSocket == null || !webSocket.active() || closeSent) {
            return;
        }
        closeSent = true;
        if (upgraded) {
            webSocket.close(status, reason);
        } else {
            webSocket.abort(); // still HTTP: no close frame to send
        }
    }

    /** What was forwarded is flushed first. */
    private void closeTcp() {
        if (tcp != null && tcp.isActive()) {
            tcp.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (bridged) {
            metrics.ended();
        }
        early.forEach(WebSocketFrame::release);
        early.clear();
        onEnd.accept(this);
    }

    /** The app stops: the WebSocket side is closed with 1001 (going away), the TCP side after a flush. */
    void shutdown() {
        Executor loop = tcp != null ? tcp.eventLoop() : webSocket != null ? webSocket.loop() : null;
        if (loop != null) {
            loop.execute(() -> {
                closeWebSocket(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "the bridge is stopping");
                closeTcp();
            });
        }
    }

    /** Bytes written to either side and not yet taken (read from other threads: an estimate, never negative). */
    long buffered() {
        return (webSocket == null ? 0 : webSocket.pending()) + pending(tcp);
    }

    static long pending(Channel channel) {
        ChannelOutboundBuffer buffer = channel == null ? null : channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : Math.max(0, buffer.totalPendingWriteBytes());
    }
}
