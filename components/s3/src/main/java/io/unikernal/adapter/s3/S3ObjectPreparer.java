package io.unikernal.adapter.s3;

import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.idempotency.OutboundIdempotencyKey;
import io.unikernal.udm.UdmHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.StreamCache;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Prepares a call of an s3 target for Camel's producer. Every header but the UDM envelope is removed first — a
 * caller's credentials, Camel's own, and above all Camel's {@code CamelAwsS3*} control headers, which would otherwise
 * let a message choose the producer's operation, bucket or key — then the adapter sets the ones the call needs:
 *
 * <ul>
 * <li>the key: the one the target's {@code key} expression computed, else (a put) {@code keyPrefix} + the call's
 * idempotency key (the same on every retry of the message, so a retried put writes the same object once) + {@code
 * .json} for a JSON body. A key holding {@code ${} is refused: Camel would evaluate it as a Simple expression;</li>
 * <li>a put: the envelope as user metadata ({@link S3Headers}); the body as the object's content — a map or list as
 * JSON, text as UTF-8, bytes as they are, and a stream (an object read with {@code format: raw}) as a stream, with its
 * length, so Camel uploads it in parts and never holds it whole (a stream of unknown length is first copied to a
 * temporary file, see {@link #spooled}); the payload is kept for the route's next steps;</li>
 * <li>a list: a fresh listing, paged by {@link S3ListPage}.</li>
 * </ul>
 */
public final class S3ObjectPreparer implements Processor {

    private String operation = "put";
    private String keyPrefix = "";

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> !name.startsWith(UdmHeaders.KERNEL_PREFIX));
        Object computed = exchange.removeProperty(S3Headers.KEY_PROPERTY);
        if ("list".equals(operation)) {
            S3ListPage.start(exchange);
            return;
        }
        Object body = message.getBody();
        String key = computed != null ? (computed instanceof String text ? text : StrictJson.write(computed))
                : "put".equals(operation) ? keyPrefix + OutboundIdempotencyKey.of(exchange) + (isJson(body) ? ".json"
                        : "") : null;
        message.setHeader(AWS2S3Constants.KEY, checked(key));
        if ("put".equals(operation)) {
            onceOnly(exchange, body);
            exchange.setProperty(S3Headers.PAYLOAD_PROPERTY, body);
            message.setHeader(AWS2S3Constants.METADATA, S3Headers.metadata(message.getHeaders()));
            content(exchange, message, body);
        } else if ("delete".equals(operation)) {
            exchange.setProperty(S3Headers.PAYLOAD_PROPERTY, body);
        }
    }

    /**
     * A stream that is not cached can be read once: a second try of the same put (a retry) would upload what is left
     * of it, a shorter object, as if it were whole. Such a try fails instead; a cached stream (Camel resets it) may.
     */
    private static void onceOnly(Exchange exchange, Object body) {
        if (!(body instanceof InputStream) || body instanceof StreamCache) {
            return;
        }
        if (exchange.getProperty(S3Headers.SENT_STREAM_PROPERTY) == body) {
            throw new MessageRejectedException("the object's content is a stream an earlier try already read; it"
                    + " cannot be put again", List.of());
        }
        exchange.setProperty(S3Headers.SENT_STREAM_PROPERTY, body);
    }

    private String checked(String key) {
        if (key == null || key.isEmpty()) {
            throw new MessageRejectedException("the " + operation + " has no object key: its key expression gave"
                    + " nothing", List.of());
        }
        if (key.contains("${") || key.contains("$simple{")) {
            throw new MessageRejectedException("object key '" + S3Headers.ascii(key, 200) + "' holds '${', which"
                    + " the S3 producer would run as an expression", List.of());
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new MessageRejectedException("object key is longer than S3's 1024 bytes", List.of());
        }
        return key;
    }

    private static boolean isJson(Object body) {
        return !(body instanceof InputStream || body instanceof byte[] || body instanceof String);
    }

    /**
     * A stream of unknown length (one a Java caller handed to the route, say) copied to a temporary file, in constant
     * memory: Camel's multipart upload needs the length first and would otherwise read the stream into memory whole
     * to learn it. The file is the body Camel uploads in parts, and is deleted when the message is done.
     */
    private static java.io.File spooled(Exchange exchange, InputStream content) throws IOException {
        Path file = Files.createTempFile("unikernal-s3-put-", ".part");
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        });
        try (OutputStream out = Files.newOutputStream(file)) {
            content.transferTo(out);
        }
        return file.toFile(); // a File, not a Path: Camel's producer takes its length and reads it in parts
    }

    private static void content(Exchange exchange, Message message, Object body) throws IOException {
        if (body instanceof InputStream content) {
            Object length = exchange.getProperty(S3Headers.LENGTH_PROPERTY);
            if (length != null) {
                message.setHeader(AWS2S3Constants.CONTENT_LENGTH, length);
            } else {
                message.setBody(spooled(exchange, content));
            }
            Object type = exchange.getProperty(S3Headers.TYPE_PROPERTY);
            message.setHeader(AWS2S3Constants.CONTENT_TYPE, type == null ? "application/octet-stream" : type);
            return;
        }
        byte[] bytes;
        String type;
        if (body instanceof byte[] raw) {
            bytes = raw;
            type = "application/octet-stream";
        } else if (body instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=utf-8";
        } else {
            bytes = StrictJson.write(body).getBytes(StandardCharsets.UTF_8);
            type = "application/json";
        }
        message.setBody(bytes);
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) bytes.length);
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, type);
    }
}
