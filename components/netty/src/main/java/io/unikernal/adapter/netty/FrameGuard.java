package io.unikernal.adapter.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second decoder of a tcp system's connections: hands each frame on as a {@code byte[]}, and when the frame
 * decoder before it finds a frame over the system's {@code maxFrameSize}, closes that connection with one log line —
 * the listener and every other connection keep going. A listener's connection that fails (a client's reset) is
 * closed with a debug line rather than camel-netty's warning with a stack trace; other failures, and those of a
 * target's connections (whose call must fail), go on to camel-netty as before.
 */
@ChannelHandler.Sharable
public class FrameGuard extends MessageToMessageDecoder<ByteBuf> {

    private static final Logger LOG = LoggerFactory.getLogger(FrameGuard.class);

    private String system;
    private int maxFrameSize = NettySystems.DEFAULT_MAX_FRAME;

    public void setSystem(String system) {
        this.system = system;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(ByteBufUtil.getBytes(frame));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException
                || cause instanceof DecoderException && cause.getCause() instanceof TooLongFrameException) {
            LOG.warn("system {}: closed the connection with {}: a frame over maxFrameSize ({} bytes)", system,
                    NettySystems.address(ctx.channel().remoteAddress()), maxFrameSize);
            ctx.close();
            return;
        }
        if (cause instanceof java.io.IOException && ctx.channel().parent() != null) {
            // a client of the listener went away (reset, broken pipe): its connection ends, nothing else does
            LOG.debug("system {}: the connection with {} failed: {}", system,
                    NettySystems.address(ctx.channel().remoteAddress()), cause.getMessage());
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
