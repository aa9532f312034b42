package io.unikernal.adapter.websocket;

import io.unikernal.runtime.RootCause;
import io.vertx.core.VertxException;
import io.vertx.core.http.ServerWebSocket;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketPeerLookup;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a websocket server does with a connection's error (a frame over the size limit, a protocol violation): one log
 * line naming the system, the connection and the peer; the connection is closed (1009 for a message over the size
 * limit), the server and the other connections go on. camel-vertx-websocket would otherwise log the exception with its stack trace.
 */
public final class WebSocketErrorLog implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketErrorLog.class);

    private static final short MESSAGE_TOO_BIG = 1009;
    private static final short PROTOCOL_ERROR = 1002;
    private static final String CLOSED = "Connection was closed";

    private String system;

    public void setSystem(String system) {
        this.system = system;
    }

    private static String cause(Throwable exception) {
        String cause = RootCause.message(exception);
        return cause != null ? cause : exception == null ? "unknown" : exception.getClass().getSimpleName();
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception instanceof VertxException && CLOSED.equals(exception.getMessage())) {
            return; // Vert.x's notice that the connection it has just closed for the failure is closed
        }
        if (exchange == null) {
            LOG.warn("websocket system {}: {}: {}", system, message == null ? "a failure" : message,
                    cause(exception));
            return;
        }
        Object key = exchange == null ? null : exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY);
        Object peer = exchange == null ? null : exchange.getMessage().getHeader(VertxWebsocketConstants.REMOTE_ADDRESS);
        String cause = cause(exception);
        LOG.warn("websocket system {}: connection {} from {} failed and is closed: {}", system, key, peer, cause);
        // Netty drops a connection whose frame is too large itself; Vert.x only reports a message that grows too large
        // over several frames, and would go on reading that peer's frames
        ServerWebSocket socket = exchange == null ? null
                : VertxWebsocketPeerLookup.connected(exchange.getContext(), key == null ? null : key.toString());
        if (socket != null) {
            boolean size = cause != null && (cause.contains("message size") || cause.contains("frame length"));
            socket.close(size ? MESSAGE_TOO_BIG : PROTOCOL_ERROR, size ? "message too big" : "protocol error");
        }
    }
}
