package io.unikernal.adapter.websocket;

import io.vertx.core.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEvent;

/**
 * The first node of a route from a {@code websocket} source: camel-vertx-websocket's headers become the
 * {@link WebSocketHeaders}, and every other header goes — the consumer copies the handshake's query parameters into
 * headers, where a peer could otherwise set any header it liked. A connection event's body (the server socket, or
 * nothing) becomes {@code {"event": ..., "connection": ..., "peer": ...}}; a message keeps its frame's content,
 * which the JSON normalizer reads next.
 */
public final class WebSocketInbound implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String key = message.getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
        Object remote = message.getHeader(VertxWebsocketConstants.REMOTE_ADDRESS);
        Object event = message.getHeader(VertxWebsocketConstants.EVENT);
        String peer = remote instanceof SocketAddress address ? address.hostAddress() + ":" + address.port()
                : remote == null ? null : remote.toString();
        String kind = event == null ? "message" : event.toString().toLowerCase(Locale.ROOT);
        Object body = message.getBody();
        message.getHeaders().clear();
        message.setHeader(WebSocketHeaders.EVENT, kind);
        message.setHeader(WebSocketHeaders.CONNECTION, key);
        if (peer != null) {
            message.setHeader(WebSocketHeaders.PEER, peer);
        }
        exchange.setProperty(WebSocketHeaders.SENDER, key);
        if (event == VertxWebsocketEvent.OPEN || event == VertxWebsocketEvent.CLOSE) {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("event", kind);
            described.put("connection", key);
            described.put("peer", peer);
            message.setBody(described);
        } else {
            message.setHeader(WebSocketHeaders.FRAME, body instanceof byte[] ? "binary" : "text");
        }
    }
}
