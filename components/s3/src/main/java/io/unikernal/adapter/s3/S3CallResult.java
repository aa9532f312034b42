package io.unikernal.adapter.s3;

import io.unikernal.runtime.StrictJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the route goes on with after an s3 call: after a put or delete, the payload it had; after a get, the object's
 * content (parsed JSON, at most {@code maxJsonBytes}, or with {@code format: raw} the content stream, closed when
 * the message is done) and its key in {@value S3Headers#KEY_HEADER}; after a list, the objects as
 * {@code [{key, size, lastModified, etag}]}, those the glob matches when there is one. Camel's {@code CamelAwsS3*}
 * headers of the answer are removed.
 */
public final class S3CallResult implements Processor {

    private String operation = "put";
    private boolean raw;
    private long maxJsonBytes = 16L << 20;
    private Pattern glob;

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public void setFormat(String format) {
        this.raw = "raw".equals(format);
    }

    public void setMaxJsonBytes(long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    public void setGlob(String regex) {
        this.glob = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
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
            case "list" -> message.setBody(listed(message.getBody()));
            default -> message.setBody(exchange.removeProperty(S3Headers.PAYLOAD_PROPERTY));
        }
    }

    private void got(Exchange exchange, Message message, String key, Long length, String type) throws Exception {
        message.setHeader(S3Headers.KEY_HEADER, key);
        Object body = message.getBody();
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

    private List<Map<String, Object>> listed(Object body) {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (body instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof S3Object object && (glob == null || glob.matcher(object.key()).matches())) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("key", object.key());
                    entry.put("size", object.size());
                    entry.put("lastModified", object.lastModified() == null ? null : object.lastModified().toString());
                    entry.put("etag", object.eTag());
                    objects.add(entry);
                }
            }
        }
        return objects;
    }
}
