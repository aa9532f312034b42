package io.unikernal.adapter.netty;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.string.LineEncoder;
import io.netty.handler.codec.string.LineSeparator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/**
 * The framing encoder of a tcp system's connections (a camel-netty {@code encoders} bean): Netty's {@link LineEncoder}
 * (text plus '\n' in the system's charset) for line framing, Netty's {@link LengthFieldPrepender} for length-prefixed
 * frames (after Netty's {@code ByteArrayEncoder}). Fixed-length frames need no encoder of their own.
 */
public class FrameEncoderFactory extends DefaultChannelHandlerFactory {

    private Framing framing = Framing.LINE;
    private int lengthFieldBytes = 4;
    private Charset charset = StandardCharsets.UTF_8;

    public void setFraming(String framing) {
        this.framing = Framing.of(framing);
    }

    public void setLengthFieldBytes(int lengthFieldBytes) {
        this.lengthFieldBytes = lengthFieldBytes;
    }

    public void setCharset(String charset) {
        this.charset = Charset.forName(charset);
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return switch (framing) {
            case LINE -> new LineEncoder(LineSeparator.UNIX, charset);
            case LENGTH_PREFIXED -> new LengthFieldPrepender(lengthFieldBytes);
            case FIXED -> throw new IllegalStateException("fixed-length frames have no framing encoder");
        };
    }
}
