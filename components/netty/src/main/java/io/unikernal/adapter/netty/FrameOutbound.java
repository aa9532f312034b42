package io.unikernal.adapter.netty;

import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Makes the body a frame's content before camel-netty writes it (a call, a reply, a datagram): JSON text of the
 * payload for {@code json}, the text for {@code text}, the bytes for {@code bytes}; a {@code String} for line framing
 * (Netty's {@code LineEncoder} adds the '\n'), bytes otherwise. A frame the peer could not read back — a line holding
 * a line break, more bytes than {@code maxFrameSize} or than the length field can count, a fixed-length frame of
 * another length — fails the message with one line instead of reaching the wire. The payload is kept aside in
 * {@value #PAYLOAD} for {@link PayloadRestorer}.
 */
public final class FrameOutbound implements Processor {

    /** Exchange property holding the payload while the body is the frame being sent. */
    public static final String PAYLOAD = "UnikernalNettyPayload";

    private String system;
    private Framing framing = Framing.LINE;
    private BodyFormat format = BodyFormat.JSON;
    private Charset charset = StandardCharsets.UTF_8;
    private int maxFrameSize = NettySystems.DEFAULT_MAX_FRAME;
    private int lengthFieldBytes = 4;
    private int frameLength;
    private boolean datagram;

    public void setSystem(String system) {
        this.system = system;
    }

    public void setFraming(String framing) {
        this.framing = Framing.of(framing);
    }

    public void setFormat(String format) {
        this.format = BodyFormat.of(format);
    }

    public void setCharset(String charset) {
        this.charset = Charset.forName(charset);
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

    /** A udp system: the body is a datagram's bytes, no framing. */
    public void setDatagram(boolean datagram) {
        this.datagram = datagram;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object payload = message.getBody();
        exchange.setProperty(PAYLOAD, payload);
        if (!datagram && framing == Framing.LINE) {
            String line = text(payload);
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw refused("a line-framed message cannot hold a line break");
            }
            int size = line.getBytes(charset).length;
            if (size > maxFrameSize) {
                throw refused("the line has " + size + " bytes, over maxFrameSize (" + maxFrameSize + ")");
            }
            message.setBody(line);
            return;
        }
        byte[] bytes = payload instanceof byte[] raw ? raw : text(payload).getBytes(charset);
        if (bytes.length > maxFrameSize) {
            throw refused("the " + (datagram ? "datagram" : "frame") + " has " + bytes.length
                    + " bytes, over maxFrameSize (" + maxFrameSize + ")");
        }
        if (!datagram && framing == Framing.LENGTH_PREFIXED && lengthFieldBytes < 4
                && bytes.length >= 1L << (8 * lengthFieldBytes)) {
            throw refused("the frame has " + bytes.length + " bytes, more than a " + lengthFieldBytes
                    + "-byte length field counts");
        }
        if (!datagram && framing == Framing.FIXED && bytes.length != frameLength) {
            throw refused("the frame has " + bytes.length + " bytes, not the fixed frameLength (" + frameLength
                    + ")");
        }
        message.setBody(bytes);
    }

    private String text(Object payload) {
        if (payload instanceof byte[] bytes) {
            return new String(bytes, charset);
        }
        if (format != BodyFormat.JSON && payload instanceof String text) {
            return text;
        }
        return payload == null && format != BodyFormat.JSON ? "" : StrictJson.write(payload);
    }

    private MessageRejectedException refused(String why) {
        return new MessageRejectedException("cannot send to system " + system + ": " + why, List.of());
    }
}
