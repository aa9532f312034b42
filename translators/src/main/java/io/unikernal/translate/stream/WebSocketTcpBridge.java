package io.unikernal.translate.stream;

import io.netty.channel.EventLoop;
import io.unikernal.adapter.http.AppListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.impl.ContextInternal;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * WebSocket exposed, TCP called: a WebSocket server on the websocket system's host, port and path; every peer that
 * completes the handshake gets its own connection to the tcp system, and each message is one frame of the tcp
 * system's framing, both ways. The TCP connection is opened after the upgrade: a TCP peer that refuses it closes the
 * WebSocket with 1011 ("the TCP peer is unavailable"). A message over {@code maxMessageBytes} is refused by the
 * WebSocket decoder itself with 1009, before it is buffered whole.
 */
public final class WebSocketTcpBridge extends StreamBridge {

    /** The handshake request (and any other request) is small: a body or headers over this are refused. */
    private static final int MAX_REQUEST_BYTES = 8192;

    private String path = "/";
    private int maxMessageBytes = 1_048_576;
    private String tcpHost = "127.0.0.1";
    private int tcpPort;
    private String listener = "own";

    public void setPath(String path) {
        this.path = path;
    }

    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public void setTcpHost(String tcpHost) {
        this.tcpHost = tcpHost;
    }

    public void setTcpPort(int tcpPort) {
        this.tcpPort = tcpPort;
    }

    /** The websocket system's listener: own (a server of the bridge's own on host and port) or http (the app's). */
    public void setListener(String listener) {
        this.listener = listener;
    }

    /**
     * On the app's HTTP listener: {@code GET path} upgraded by Vert.x, then bridged as on a listener of its own; a
     * request there that is no valid upgrade gets Vert.x's 400.
     */
    @Override
    Runnable mountOnAppListener(CamelContext context) {
        if (!"http".equals(listener)) {
            return null;
        }
        VertxPlatformHttpRouter router = AppListener.router(context, "a WebSocket <-> TCP translation");
        Route route = router.route(HttpMethod.GET, path).handler(this::upgrade);
        return route::remove;
    }

    private void upgrade(RoutingContext request) {
        // the connection's event loop: the TCP side joins it, so the splice runs on one thread
        EventLoop loop = ((ContextInternal) Vertx.currentContext()).nettyEventLoop();
        request.request().toWebSocket().onSuccess(socket -> {
            Splice splice = newSplice();
            ListenerWebSocketSide side = new ListenerWebSocketSide(socket, loop, splice);
            side.read(false); // nothing is read until the TCP side is connected
            splice.webSocket(side);
            splice.upgraded();
            connect(loop, splice);
        });
    }

    @Override
    String describe() {
        return "WebSocket path " + path + " bridged to tcp " + tcpHost + ":" + tcpPort;
    }

    @Override
    void accepted(SocketChannel channel, Splice splice) {
        splice.webSocket(channel);
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder().websocketPath(path)
                .checkStartsWith(false).handleCloseFrames(true).dropPongFrames(true)
                .forceCloseTimeoutMillis(CLOSE_MILLIS).sendCloseFrame(null) // the splice sends every close frame itself
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(maxMessageBytes)
                        .allowExtensions(false).closeOnProtocolViolation(false).build())
                .build();
        channel.pipeline().addLast(new HttpServerCodec(4096, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES),
                new HttpObjectAggregator(MAX_REQUEST_BYTES), new WebSocketServerProtocolHandler(config),
                new WebSocketFrameAggregator(maxMessageBytes), new NotWebSocket(), new Upgraded(splice),
                new WebSocketEnd(splice));
        channel.config().setAutoRead(true); // the handshake is read; after it, reading waits for the TCP side
    }

    /** After the handshake: the WebSocket side is not read until its TCP connection is there. */
    private final class Upgraded extends ChannelInboundHandlerAdapter {
        private final Splice splice;

        Upgraded(Splice splice) {
            this.splice = splice;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                ctx.channel().config().setAutoRead(false);
                splice.upgraded();
                connect(ctx.channel().eventLoop(), splice);
            }
            ctx.fireUserEventTriggered(event);
        }
    }

    private void connect(EventLoop loop, Splice splice) {
        client(loop, false, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel tcp) {
                tcp.pipeline().addLast(splice.framing().decoder(), new TcpEnd(splice));
            }
        }).connect(tcpHost, tcpPort).addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                splice.tcp(connected.channel());
                splice.bridge();
            } else {
                splice.tcpUnavailable();
            }
        });
    }
}
