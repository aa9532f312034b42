package io.unikernal.translate.stream;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;

/**
 * TCP exposed, WebSocket called: a TCP listener on the tcp system's host and port; every connection opens its own
 * WebSocket client connection to the websocket-client system's URL, and each frame of the tcp system's framing is one
 * message, both ways. Nothing is read from the TCP client until the handshake is done; a server that is down or
 * refuses the upgrade closes the TCP connection (TCP has no reason to give). A message from the server over
 * {@code maxFrameSize} is refused by the WebSocket decoder with 1009 and both connections close.
 */
public final class TcpWebSocketBridge extends StreamBridge {

    private static final int MAX_RESPONSE_BYTES = 8192;

    private String url;

    public void setUrl(String url) {
        this.url = url;
    }

    @Override
    String describe() {
        return "tcp bridged to WebSocket " + url;
    }

    @Override
    void accepted(SocketChannel tcp, Splice splice) {
        splice.tcp(tcp);
        tcp.pipeline().addLast(splice.framing().decoder(), new TcpEnd(splice));
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        int limit = splice.framing().maxFrameSize();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .allowExtensions(false).maxFramePayloadLength(limit).handleCloseFrames(true).dropPongFrames(true)
                .forceCloseTimeoutMillis(CLOSE_MILLIS).handshakeTimeoutMillis(CONNECT_MILLIS)
                .sendCloseFrame(null).build(); // the splice sends every close frame itself, with its reason
        Handshaker handshaker = new Handshaker(uri, limit);
        client(tcp.eventLoop(), true, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel webSocket) {
                splice.webSocket(webSocket); // before the connect: a TCP client that leaves meanwhile closes it
                webSocket.pipeline().addLast(new HttpClientCodec(4096, MAX_RESPONSE_BYTES, MAX_RESPONSE_BYTES),
                        new HttpObjectAggregator(MAX_RESPONSE_BYTES), new WebSocketClientProtocolHandler(handshaker, config),
                        new WebSocketFrameAggregator(limit), new Handshaken(splice), new WebSocketEnd(splice));
            }
        }).connect(uri.getHost(), port).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                splice.webSocketUnavailable();
            }
        });
    }

    /**
     * Netty's RFC 6455 client handshake, with a decoder that does not close the connection itself on a frame over the
     * limit (the client configuration cannot say so): the splice answers 1009 and lets the server's bytes drain, so
     * the close frame reaches it (closing with unread bytes would reset the connection).
     */
    private static final class Handshaker extends WebSocketClientHandshaker13 {
        private final int limit;

        Handshaker(URI uri, int limit) {
            super(uri, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, limit, true, false, CLOSE_MILLIS);
            this.limit = limit;
        }

        @Override
        protected WebSocketFrameDecoder newWebsocketDecoder() {
            return new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false)
                    .allowMaskMismatch(false).allowExtensions(false).maxFramePayloadLength(limit)
                    .closeOnProtocolViolation(false).build());
        }
    }

    /** The handshake's outcome: bridged, or the TCP client's connection closed. */
    private static final class Handshaken extends ChannelInboundHandlerAdapter {
        private final Splice splice;

        Handshaken(Splice splice) {
            this.splice = splice;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                splice.upgraded();
                splice.bridge();
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                splice.webSocketUnavailable();
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof WebSocketClientHandshakeException) {
                splice.webSocketUnavailable(); // the server refused the upgrade (an HTTP status)
                return;
            }
            ctx.fireExceptionCaught(cause);
        }
    }
}
