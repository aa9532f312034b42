package io.unikernal.adapter.netty;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a received frame (or datagram) into what the route reads, by the system's {@code format}: text in the
 * system's charset (which the JSON normaliser after it parses for {@code json}), or the bytes as they came. The
 * peer's address becomes the {@value NettyHeaders#PEER} header. With {@code maxFrameSize} set (datagrams, which no
 * frame decoder bounds) a larger one is dropped with one log line and the route stops for it.
 */
public final class FrameInbound implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FrameInbound.class);

    private String system;
    private BodyFormat format = BodyFormat.JSON;
    private Charset charset = StandardCharsets.UTF_8;
    private int maxFrameSize;
    private boolean peer = true;

    public void setSystem(String system) {
        this.system = system;
    }

    public void setFormat(String format) {
        this.format = BodyFormat.of(format);
    }

    public void setCharset(String charset) {
        this.charset = Charset.forName(charset);
    }

    /** For datagrams: the largest accepted; 0 when the frame decoder bounds frames already. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** False for a target's reply: the peer is the system itself. */
    public void setPeer(boolean peer) {
        this.peer = peer;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] bytes = bytes(exchange, message.getBody());
        String from = NettySystems.address(message.getHeader(NettyConstants.NETTY_REMOTE_ADDRESS));
        if (maxFrameSize > 0 && bytes.length > maxFrameSize) {
            LOG.warn("system {}: dropped a datagram from {}: over maxFrameSize ({} bytes)", system, from,
                    maxFrameSize);
            exchange.setRouteStop(true);
            return;
        }
        if (peer && from != null) {
            message.setHeader(NettyHeaders.PEER, from);
        }
        message.setBody(format == BodyFormat.BYTES ? bytes : new String(bytes, charset));
    }

    private static byte[] bytes(Exchange exchange, Object body) {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] converted = body == null ? null : exchange.getContext().getTypeConverter().convertTo(byte[].class,
                exchange, body);
        return converted == null ? new byte[0] : converted;
    }
}
