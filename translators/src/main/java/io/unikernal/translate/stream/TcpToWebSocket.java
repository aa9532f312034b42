package io.unikernal.translate.stream;

import io.unikernal.adapter.netty.NettySystems;
import io.unikernal.adapter.websocket.WebSocketClientAdapter;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;
import java.util.Locale;
import java.util.Map;

/**
 * {@code expose: {system: <tcp>, protocol: tcp}}, {@code target: {system: <websocket-client>}}: TCP clients bridged
 * to a WebSocket server, one WebSocket connection per TCP connection ({@link TcpWebSocketBridge}).
 */
public final class TcpToWebSocket extends StreamKind {

    public TcpToWebSocket() {
        super("tcp", "tcp", "websocket-client");
    }

    @Override
    public String description() {
        return "a bridge per connection: every client of the tcp system's listener gets its own WebSocket connection"
                + " to the target's URL, each frame of the tcp system's framing one message both ways, reading"
                + " paused while the other side is slow, a close on either side closing the other (a server that is"
                + " down or refuses the upgrade closes the TCP connection)";
    }

    @Override
    boolean secure(SystemDecl system) {
        String url = WebSocketClientAdapter.URL.text(system);
        return tls(system) || url != null && url.toLowerCase(Locale.ROOT).startsWith("wss:");
    }

    @Override
    Class<? extends StreamBridge> bridge() {
        return TcpWebSocketBridge.class;
    }

    @Override
    void options(SystemDecl expose, SystemDecl target, Map<String, String> props, CompileContext ctx) {
        props.put("host", ctx.text(expose, NettySystems.HOST));
        props.put("port", ctx.text(expose, NettySystems.PORT));
        props.put("url", ctx.text(target, WebSocketClientAdapter.URL));
        framing(expose, props, ctx);
    }
}
