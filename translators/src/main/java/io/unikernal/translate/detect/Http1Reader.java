package io.unikernal.translate.detect;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Decodes an HTTP/1.1 request (line, headers, body as far as captured) with Netty's own request decoder. */
final class Http1Reader {

    static final int MAX_REQUEST_LINE = 8 * 1024;
    static final int MAX_HEADERS = 16 * 1024;

    private Http1Reader() {
    }

    /** A request line's shape (RFC 9112 token, target, version); Netty's own messages would call the rest HTTP/0.9. */
    private static final Pattern REQUEST_LINE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ [^ ]+ HTTP/[0-9]\\.[0-9]");

    static Reading read(byte[] bytes, int length) {
        Optional<String> firstLine = firstLine(bytes, length);
        if (firstLine.isPresent() && !REQUEST_LINE.matcher(firstLine.get()).matches()) {
            return Reading.failed(List.of(Printable.preview(bytes, length)),
                    "the first line is not an HTTP request line (METHOD TARGET HTTP/1.1)");
        }
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADERS).setMaxChunkSize(16 * 1024)));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, length));
            return decoded(channel, bytes, length);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static Reading decoded(EmbeddedChannel channel, byte[] bytes, int length) {
        List<String> evidence = new ArrayList<>();
        Object first = channel.readInbound();
        if (!(first instanceof HttpRequest request)) {
            ReferenceCountUtil.release(first);
            evidence.add(Printable.preview(bytes, length));
            return Reading.failed(evidence, "no complete HTTP/1.1 request line and headers in these bytes");
        }
        try {
            if (request.decoderResult().isFailure()) {
                evidence.add(Printable.preview(bytes, length));
                return Reading.failed(evidence, "not a valid HTTP/1.x request: "
                        + Printable.value(String.valueOf(request.decoderResult().cause().getMessage())));
            }
            evidence.add("request line: " + Printable.value(request.method() + " " + request.uri() + " "
                    + request.protocolVersion()));
            List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().entries());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean complete = readBody(channel, body);
            Transport transport = request.headers().containsValue("upgrade", "h2c", true)
                    ? Transport.H2C_UPGRADE : Transport.HTTP_1_1;
            return Reading.of(new CapturedRequest(transport, request.method().name(), request.uri(), headers,
                    body.toByteArray(), complete), evidence);
        } finally {
            ReferenceCountUtil.release(request);
        }
    }

    /** The first line (leading blank lines skipped, as Netty does), when it ends within the request line limit. */
    private static Optional<String> firstLine(byte[] bytes, int length) {
        int start = 0;
        while (start < length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        for (int i = start; i < length && i - start <= MAX_REQUEST_LINE; i++) {
            if (bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                return Optional.of(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
            }
        }
        return Optional.empty();
    }

    /** Collects the body's bytes; true when its end (or, for a body-less request, the end of the headers) was seen. */
    private static boolean readBody(EmbeddedChannel channel, ByteArrayOutputStream body) {
        for (Object part = channel.readInbound(); part != null; part = channel.readInbound()) {
            try {
                if (part instanceof HttpContent content) {
                    if (content.decoderResult().isFailure()) {
                        return false;
                    }
                    body.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(content.content()));
                    if (part instanceof LastHttpContent) {
                        return true;
                    }
                }
            } finally {
                ReferenceCountUtil.release(part);
            }
        }
        return false;
    }
}
