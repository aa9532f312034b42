package io.unikernal.translate.detect;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A client's first HTTP/2 bytes written by Netty's own frame writer and HPACK encoder: for requests no client at hand
 * sends with prior knowledge (REST or SOAP over h2c, an RFC 8441 WebSocket CONNECT).
 */
final class Http2Frames {

    private Http2Frames() {
    }

    static byte[] request(Http2Headers headers, String body) {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        try (DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter()) {
            writer.writeSettings(ctx, new Http2Settings(), ctx.newPromise());
            writer.writeHeaders(ctx, 1, headers, 0, body == null, ctx.newPromise());
            if (body != null) {
                writer.writeData(ctx, 1, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), 0, true,
                        ctx.newPromise());
            }
            channel.flush();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(Http2Reader.PREFACE);
            for (ByteBuf frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
                wire.writeBytes(ByteBufUtil.getBytes(frame));
                frame.release();
            }
            return wire.toByteArray();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
