package io.unikernal.translate.stream;

import io.unikernal.adapter.netty.NettySystems;
import io.unikernal.adapter.http.HttpServerAdapter;
import io.unikernal.adapter.websocket.WebSocketAdapter;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.error.ProblemCode;
import java.util.List;
import java.util.Map;

/**
 * {@code expose: {system: <websocket>, protocol: websocket}}, {@code target: {system: <tcp>}}: WebSocket peers
 * bridged to a TCP server, one TCP connection per WebSocket connection ({@link WebSocketTcpBridge}).
 */
public final class WebSocketToTcp extends StreamKind {

    public WebSocketToTcp() {
        super("websocket", "websocket", "tcp");
    }

    @Override
    public String description() {
        return "a bridge per connection: every WebSocket peer of the exposed path gets its own connection to the tcp"
                + " system, each message one frame of its framing both ways (line: text frames when UTF-8,"
                + " length-prefixed and fixed: binary frames), reading paused while the other side is slow, a close"
                + " on either side closing the other (1000, 1011 when the TCP peer fails or is down, 1009 over a"
                + " limit)";
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(WRONG_SOURCE, NO_TLS);
    }

    @Override
    boolean secure(SystemDecl system) {
        return tls(system);
    }

    @Override
    Class<? extends StreamBridge> bridge() {
        return WebSocketTcpBridge.class;
    }

    @Override
    void options(SystemDecl expose, SystemDecl target, Map<String, String> props, CompileContext ctx) {
        props.put("host", ctx.text(expose, WebSocketAdapter.HOST));
        props.put("port", ctx.text(expose, WebSocketAdapter.PORT));
        props.put("path", ctx.text(expose, WebSocketAdapter.PATH));
        props.put("listener", HttpServerAdapter.onHttpListener(expose) ? "http" : "own");
        props.put("maxMessageBytes", ctx.text(expose, WebSocketAdapter.MAX_MESSAGE_BYTES));
        props.put("tcpHost", ctx.text(target, NettySystems.HOST));
        props.put("tcpPort", ctx.text(target, NettySystems.PORT));
        framing(target, props, ctx);
    }
}
