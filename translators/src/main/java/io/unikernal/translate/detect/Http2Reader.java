package io.unikernal.translate.detect;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the frames after the HTTP/2 connection preface with Netty's frame reader and HPACK decoder, up to the first
 * request: its HEADERS (with CONTINUATION) and the DATA of that stream as far as captured.
 */
final class Http2Reader {

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_HEADER_LIST = 16 * 1024;
    private static final int MAX_FRAME_LINES = 12;

    private Http2Reader() {
    }

    static boolean startsWithPreface(byte[] bytes, int length) {
        return length >= PREFACE.length && java.util.Arrays.equals(bytes, 0, PREFACE.length, PREFACE, 0,
                PREFACE.length);
    }

    /** Whether the bytes are a proper beginning of the preface, too short to hold all of it. */
    static boolean isCutPreface(byte[] bytes, int length) {
        return length > 0 && length < PREFACE.length && java.util.Arrays.equals(bytes, 0, length, PREFACE, 0, length);
    }

    static Reading read(byte[] bytes, int length) {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ByteBuf frames = Unpooled.wrappedBuffer(bytes, PREFACE.length, length - PREFACE.length);
        FirstRequest listener = new FirstRequest();
        try (DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader(
                new DefaultHttp2HeadersDecoder(true, MAX_HEADER_LIST))) {
            ChannelHandlerContext context = channel.pipeline().firstContext();
            while (frames.isReadable() && !listener.done()) {
                int before = frames.readableBytes();
                reader.readFrame(context, frames, listener);
                if (frames.readableBytes() == before) {
                    break; // a frame cut short by the end of the capture
                }
            }
        } catch (Http2Exception | RuntimeException e) {
            listener.evidence.add("then a frame Netty's HTTP/2 reader refused: "
                    + Printable.value(String.valueOf(e.getMessage())));
        } finally {
            frames.release();
            channel.finishAndReleaseAll();
        }
        return listener.reading(length);
    }

    /** Records the frames seen and keeps the first request's headers and body. */
    private static final class FirstRequest extends Http2FrameAdapter {
        final List<String> evidence = new ArrayList<>(List.of(
                "bytes 0-23: the HTTP/2 connection preface \"PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n\""));
        private int frameLines;
        private int stream;
        private Http2Headers headers;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private boolean ended;

        boolean done() {
            return ended;
        }

        Reading reading(int length) {
            if (headers == null) {
                evidence.add("no HEADERS frame (no request) within the " + length + " bytes seen");
                return Reading.failed(evidence, "an HTTP/2 connection without a request to classify");
            }
            List<Map.Entry<String, String>> entries = new ArrayList<>();
            headers.forEach(h -> entries.add(new SimpleEntry<>(h.getKey().toString(), h.getValue().toString())));
            return Reading.of(new CapturedRequest(Transport.H2C_PRIOR_KNOWLEDGE, String.valueOf(headers.method()),
                    String.valueOf(headers.path()), entries, body.toByteArray(), ended), evidence);
        }

        private void frame(String line) {
            if (frameLines++ < MAX_FRAME_LINES) {
                evidence.add(line);
            }
        }

        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
            frame("frame SETTINGS " + settings);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers read, int streamDependency,
                short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, read, padding, endOfStream);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers read, int padding,
                boolean endOfStream) {
            if (headers == null) {
                headers = read;
                stream = streamId;
                ended = endOfStream;
                frame("frame HEADERS on stream " + streamId + " (HPACK-decoded): :method " + read.method()
                        + ", :path " + Printable.value(String.valueOf(read.path())) + ", content-type "
                        + Printable.value(String.valueOf(read.get("content-type")))
                        + (endOfStream ? ", END_STREAM" : ""));
            } else if (streamId == stream) {
                ended = true; // trailers
            }
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
                boolean endOfStream) {
            int processed = data.readableBytes() + padding;
            if (headers != null && streamId == stream) {
                frame("frame DATA on stream " + streamId + ", " + data.readableBytes() + " bytes"
                        + (endOfStream ? ", END_STREAM" : ""));
                body.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(data));
                ended = endOfStream;
            } else {
                frame("frame DATA on stream " + streamId + " before any HEADERS on it");
            }
            return processed;
        }

        @Override
        public void onWindowUpdateRead(ChannelHandlerContext ctx, int streamId, int windowSizeIncrement) {
            frame("frame WINDOW_UPDATE on stream " + streamId + " (+" + windowSizeIncrement + ")");
        }

        @Override
        public void onUnknownFrame(ChannelHandlerContext ctx, byte frameType, int streamId, Http2Flags flags,
                ByteBuf payload) {
            frame("frame of unknown type 0x" + Integer.toHexString(frameType & 0xff) + " on stream " + streamId);
        }
    }
}
