package io.unikernal.translate.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last handler of one side of a {@link Splice}: after a read the partner side is flushed (one flush per read,
 * not per message), a change of writability pauses or resumes the partner's reading, the end of the channel ends
 * the other side. What is read, and failures, are the side's own ({@link WebSocketEnd}, {@link TcpEnd}).
 */
abstract class SpliceEnd extends ChannelInboundHandlerAdapter {

    final Splice splice;

    SpliceEnd(Splice splice) {
        this.splice = splice;
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        splice.flushPartnerOf(ctx.channel());
    }

    @Override
    public final void channelWritabilityChanged(ChannelHandlerContext ctx) {
        splice.writable(ctx.channel());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        splice.closed(ctx.channel());
    }
}
