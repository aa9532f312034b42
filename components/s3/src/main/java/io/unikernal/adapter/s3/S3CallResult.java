package io.unikernal.adapter.s3;

import io.unikernal.runtime.StrictJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;

/**
 * What the route goes on with after an s3 call: after a put or delete, the payload it had; after a get, the object's
 * content (parsed JSON or with {@code format: csv} its rows, at most {@code maxJsonBytes}, or with {@code format: raw} the content stream, closed when
 * the message is done) and its key in {@value S3Headers#KEY_HEADER}; after a list, the objects as
 * {@code [{key, size, lastModified, etag}]} that {@link S3ListPage} gathered. Camel's {@code CamelAwsS3*}
 * headers of the answer are removed.
 */
public final class S3CallResult implements Processor {

    private String operation = "put";
    private boolean raw;
    private boolean csv;
    private long maxJsonBytes = 16L << 20;

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public void setFormat(String format) {
        this.raw = "raw".equals(format);
        this.csv = "csv".equals(format);
    }

    public void setMaxJsonBytes(long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String key = message.getHeader(AWS2S3Constants.KEY, String.class);
        Long length = message.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class);
        String type = message.getHeader(AWS2S3Constants.CONTENT_TYPE, String.class);
        message.getHeaders().keySet().removeIf(name -> name.startsWith("CamelAwsS3"));
        switch (operation) {
            case "get" -> got(exchange, message, key, length, type);
            case "list" -> {
                message.setBody(exchange.removeProperty(S3ListPage.FOUND_PROPERTY));
                exchange.removeProperty(S3ListPage.MORE_PROPERTY);
                exchange.removeProperty(S3ListPage.AFTER_PROPERTY);
            }
            default -> message.setBody(exchange.removeProperty(S3Headers.PAYLOAD_PROPERTY));
        }
    }

    private void got(Exchange exchange, Message message, String key, Long length, String type) throws Exception {
        message.setHeader(S3Headers.KEY_HEADER, key);
        Object body = message.getBody();
        if (csv) {
            message.setBody(S3Content.read(exchange, body, true, maxJsonBytes, key));
            return;
        }
        if (!raw) {
            Object bytes = S3Content.readJsonBytes(body, maxJsonBytes, key);
            String text = bytes instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(bytes);
            message.setBody(StrictJson.read(text, Object.class));
            return;
        }
        if (body instanceof InputStream content) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    IOHelper.close(content);
                }
            });
        }
        if (length != null) {
            exchange.setProperty(S3Headers.LENGTH_PROPERTY, length);
        }
        if (type != null) {
            exchange.setProperty(S3Headers.TYPE_PROPERTY, type);
        }
    }
}
