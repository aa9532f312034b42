package io.unikernal.adapter.websocket;

import io.unikernal.runtime.RootCause;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a websocket server does with a connection's error (a frame over the size limit, a protocol violation): one log
 * line naming the system, the connection and the peer — the connection is closed by Vert.x, the server and the
 * other connections go on. camel-vertx-websocket would otherwise log the exception with its stack trace.
 */
public final class WebSocketErrorLog implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketErrorLog.class);

    private String system;

    public void setSystem(String system) {
        this.system = system;
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
        Object key = exchange == null ? null : exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY);
        Object peer = exchange == null ? null : exchange.getMessage().getHeader(VertxWebsocketConstants.REMOTE_ADDRESS);
        LOG.warn("websocket system {}: connection {} from {} failed and is closed: {}", system, key, peer,
                RootCause.message(exception));
    }
}
