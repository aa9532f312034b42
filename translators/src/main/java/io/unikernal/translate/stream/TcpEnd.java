package io.unikernal.translate.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a bridged TCP channel (after the system's frame decoder): each frame goes to the
 * {@link Splice}; a frame over {@code maxFrameSize} ends the connection with 1009 on the WebSocket side, a failure
 * (a reset) with 1011, a clean close with 1000.
 */
final class TcpEnd extends SpliceEnd {

    TcpEnd(Splice splice) {
        super(splice);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf frame) {
            splice.fromTcp(frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException
                || cause instanceof DecoderException && cause.getCause() instanceof TooLongFrameException) {
            splice.refuse(new FrameRefused(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "a TCP frame over maxFrameSize (" + splice.framing().maxFrameSize() + " bytes)"));
        } else {
            splice.tcpFailed(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "the TCP connection failed",
                    StreamMetrics.FAILED);
        }
        ctx.close();
    }
}
