package io.unikernal.translate.stream;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.Executor;

/**
 * The WebSocket side of a {@link Splice}, as the splice drives it: a Netty channel of the bridge's own listener
 * ({@link NettyWebSocketSide}) or a WebSocket of the app's one HTTP listener ({@link ListenerWebSocketSide}). Every
 * call is made on the splice's one event loop ({@link #loop}).
 */
interface WebSocketSide {

    /** Reads messages from the peer (true) or stops reading them, so the kernel's TCP window slows the peer. */
    void read(boolean on);

    boolean reading();

    /** Writes one message (owned by this call); {@link #flush} sends what was written. */
    void write(WebSocketFrame message);

    void flush();

    /** False while more than the high-water mark is unsent; the side then tells the splice when it drained. */
    boolean writable();

    boolean active();

    /** Sends a close frame with {@code status}; the connection ends on the peer's answer or after a timeout. */
    void close(WebSocketCloseStatus status, String reason);

    /** Closes the connection at once, with no close frame (before the handshake, or a failed peer). */
    void abort();

    /** Bytes written and not yet taken (an estimate). */
    long pending();

    /** The event loop the side's events and the splice's calls run on. */
    Executor loop();
}
