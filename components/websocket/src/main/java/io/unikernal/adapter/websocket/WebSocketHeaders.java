package io.unikernal.adapter.websocket;

/**
 * The headers a message from a {@code websocket} source carries, set by {@link WebSocketInbound} from
 * camel-vertx-websocket's own; a route reads them as {@code headers.WebSocketConnection} and so on.
 */
public final class WebSocketHeaders {

    /** {@code message}, or {@code open} / {@code close} when the route asks for connection events. */
    public static final String EVENT = "WebSocketEvent";
    /** The connection's key (camel-vertx-websocket's connection key): the same for every message of one peer. */
    public static final String CONNECTION = "WebSocketConnection";
    /** The peer's address, {@code host:port}. */
    public static final String PEER = "WebSocketPeer";
    /** {@code text} or {@code binary}: the kind of frame a message came in. */
    public static final String FRAME = "WebSocketFrame";

    /** Exchange property with the sender's connection key, which the reply goes back on (headers may be cleared). */
    static final String SENDER = "UnikernalWebSocketSender";

    private WebSocketHeaders() {
    }
}
