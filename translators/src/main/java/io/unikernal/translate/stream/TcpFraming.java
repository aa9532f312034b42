package io.unikernal.translate.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.unikernal.adapter.netty.FrameDecoderFactory;
import java.nio.charset.StandardCharsets;

/**
 * The tcp system's framing as the bridge applies it: one WebSocket message is one TCP frame and back. The TCP side is
 * cut by the tcp adapter's own frame decoders ({@link FrameDecoderFactory}), a frame over {@code maxFrameSize}
 * failing at once, before it is buffered whole.
 *
 * <ul>
 * <li>{@code line}: a message is written with a '\n' after it; a message holding a '\n' is refused (close 1007: it
 * would arrive as two lines). A line read becomes a text frame when it is valid UTF-8, a binary frame otherwise.</li>
 * <li>{@code length-prefixed}: the big-endian length in {@code lengthFieldBytes}, then the bytes; a message longer
 * than the field can count (255, 65535) or than {@code maxFrameSize} is refused (close 1009). Frames read become
 * binary frames: a length-prefixed protocol carries bytes, not text.</li>
 * <li>{@code fixed}: a message of exactly {@code frameLength} bytes, written as it is; another length is refused
 * (close 1007). Frames read become binary frames.</li>
 * </ul>
 */
final class TcpFraming {

    private final String framing;
    private final int lengthFieldBytes;
    private final int frameLength;
    private final int maxFrameSize;

    TcpFraming(String framing, int lengthFieldBytes, int frameLength, int maxFrameSize) {
        if (!framing.equals("line") && !framing.equals("length-prefixed") && !framing.equals("fixed")) {
            throw new IllegalArgumentException("unknown framing '" + framing + "': one of line, length-prefixed, fixed");
        }
        if (lengthFieldBytes != 1 && lengthFieldBytes != 2 && lengthFieldBytes != 4) {
            throw new IllegalArgumentException("lengthFieldBytes must be 1, 2 or 4, not " + lengthFieldBytes);
        }
        if (maxFrameSize < 1 || framing.equals("fixed") && frameLength < 1) {
            throw new IllegalArgumentException("maxFrameSize and a fixed framing's frameLength must be positive");
        }
        this.framing = framing;
        this.lengthFieldBytes = lengthFieldBytes;
        this.frameLength = frameLength;
        this.maxFrameSize = maxFrameSize;
    }

    int maxFrameSize() {
        return maxFrameSize;
    }

    /** A new frame decoder for one TCP connection. */
    ChannelHandler decoder() {
        FrameDecoderFactory factory = new FrameDecoderFactory();
        factory.setFraming(framing);
        factory.setLengthFieldBytes(lengthFieldBytes);
        factory.setMaxFrameSize(maxFrameSize);
        if (framing.equals("fixed")) {
            factory.setFrameLength(frameLength);
        }
        return factory.newChannelHandler();
    }

    /** A WebSocket message's payload as one TCP frame (a new buffer; the payload is left to its owner). */
    ByteBuf toTcp(ByteBuf payload, ByteBufAllocator alloc) throws FrameRefused {
        int length = payload.readableBytes();
        if (length > maxFrameSize) {
            throw new FrameRefused(WebSocketCloseStatus.MESSAGE_TOO_BIG, "a message over the TCP side's maxFrameSize ("
                    + maxFrameSize + " bytes)");
        }
        switch (framing) {
            case "line" -> {
                if (payload.indexOf(payload.readerIndex(), payload.writerIndex(), (byte) '\n') >= 0) {
                    throw new FrameRefused(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                            "a message holding a line end: line framing would split it");
                }
                return alloc.buffer(length + 1).writeBytes(payload, payload.readerIndex(), length).writeByte('\n');
            }
            case "length-prefixed" -> {
                long capacity = lengthFieldBytes == 4 ? Integer.MAX_VALUE : (1L << (8 * lengthFieldBytes)) - 1;
                if (length > capacity) {
                    throw new FrameRefused(WebSocketCloseStatus.MESSAGE_TOO_BIG, "a message longer than a "
                            + lengthFieldBytes + "-byte length prefix can count (" + capacity + " bytes)");
                }
                ByteBuf frame = alloc.buffer(lengthFieldBytes + length);
                switch (lengthFieldBytes) {
                    case 1 -> frame.writeByte(length);
                    case 2 -> frame.writeShort(length);
                    default -> frame.writeInt(length);
                }
                return frame.writeBytes(payload, payload.readerIndex(), length);
            }
            default -> {
                if (length != frameLength) {
                    throw new FrameRefused(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "a message of " + length
                            + " bytes where fixed framing takes " + frameLength);
                }
                return alloc.buffer(length).writeBytes(payload, payload.readerIndex(), length);
            }
        }
    }

    /** A TCP frame as a WebSocket frame, owning {@code frame}. */
    WebSocketFrame toWebSocket(ByteBuf frame) {
        if (framing.equals("line") && ByteBufUtil.isText(frame, StandardCharsets.UTF_8)) {
            return new TextWebSocketFrame(frame);
        }
        return new BinaryWebSocketFrame(frame);
    }
}
