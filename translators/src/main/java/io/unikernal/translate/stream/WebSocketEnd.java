package io.unikernal.translate.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a bridged WebSocket channel (after Netty's protocol handler, which answers pings and close
 * frames, and its frame aggregator, which joins continuation frames up to the limit): whole text and binary messages
 * go to the {@link Splice}; the channel's end and failures too.
 */
final class WebSocketEnd extends SpliceEnd {

    WebSocketEnd(Splice splice) {
        super(splice);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            splice.fromWebSocket((io.netty.handler.codec.http.websocketx.WebSocketFrame) msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * A frame over the limit or a malformed one (the decoders do not close on such a violation: the splice answers
     * with its close frame — 1009, or the decoder's code such as 1002, 1007 — and the connection ends when the peer
     * answers it or after {@link StreamBridge#CLOSE_MILLIS}), a message over the limit in continuation frames, or the
     * connection failing (closed at once).
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            WebSocketCloseStatus status = corrupted.closeStatus() != null ? corrupted.closeStatus()
                    : WebSocketCloseStatus.PROTOCOL_ERROR;
            boolean tooBig = status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
            splice.refuse(new FrameRefused(status, tooBig ? "a WebSocket frame over the limit"
                    : "a malformed WebSocket frame"));
        } else if (cause instanceof TooLongFrameException) {
            splice.refuse(new FrameRefused(WebSocketCloseStatus.MESSAGE_TOO_BIG, "a WebSocket message over the limit"));
        } else if (cause instanceof CorruptedFrameException) {
            splice.refuse(new FrameRefused(WebSocketCloseStatus.PROTOCOL_ERROR, "a malformed WebSocket frame"));
        } else {
            splice.webSocketFailed("the WebSocket connection failed", StreamMetrics.FAILED);
            ctx.close();
        }
    }
}
