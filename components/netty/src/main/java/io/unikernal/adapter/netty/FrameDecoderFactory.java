package io.unikernal.adapter.netty;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/**
 * The first decoder of a tcp system's connections (a camel-netty {@code decoders} bean): a new Netty frame decoder per
 * connection, as the system's framing says. A frame over {@code maxFrameSize} fails at once ({@code failFast}), before
 * it is buffered whole; {@link FrameGuard}, next in the pipeline, then closes that connection.
 */
public class FrameDecoderFactory extends DefaultChannelHandlerFactory {

    private Framing framing = Framing.LINE;
    private int maxFrameSize = NettySystems.DEFAULT_MAX_FRAME;
    private int lengthFieldBytes = 4;
    private int frameLength;

    public void setFraming(String framing) {
        this.framing = Framing.of(framing);
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public void setLengthFieldBytes(int lengthFieldBytes) {
        this.lengthFieldBytes = lengthFieldBytes;
    }

    public void setFrameLength(int frameLength) {
        this.frameLength = frameLength;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return switch (framing) {
            case LINE -> new LineBasedFrameDecoder(maxFrameSize, true, true);
            // the length field counts the frame after it; the field itself is stripped from the frame
            case LENGTH_PREFIXED -> new LengthFieldBasedFrameDecoder(maxFrameSize + lengthFieldBytes, 0,
                    lengthFieldBytes, 0, lengthFieldBytes, true);
            case FIXED -> new FixedLengthFrameDecoder(frameLength);
        };
    }
}
