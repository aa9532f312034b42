package io.unikernal.adapter.s3;

import io.unikernal.runtime.CorrelationIds;
import io.unikernal.runtime.JsonBodyNormalizer;
import io.unikernal.udm.UdmHeaders;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.util.IOHelper;

/**
 * The first node of a route on an s3 source: turns a consumed object into a UDM message and arranges what happens to
 * the object once the route is done with it ({@link S3Settlement}: moved to the done prefix or deleted after success,
 * moved to the failed prefix with the reason after a failure).
 *
 * <ul>
 * <li>A key the source's glob does not match (or a folder marker, a key ending in {@code /}) is left alone: the
 * message stops here and the object stays where it is.</li>
 * <li>The envelope comes from the object's user metadata ({@link S3Headers}): its correlation id (when well formed),
 * and a well-formed schema name and version. The key is in the header {@value S3Headers#KEY_HEADER}.</li>
 * <li>{@code format: json}: the content, at most {@code maxJsonBytes}, is parsed as JSON (a larger or malformed object
 * fails the message, so it goes to the failed prefix). {@code format: csv}: the content, at most {@code maxJsonBytes},
 * is read as CSV with a header row into a list of objects, one per row ({@link io.unikernal.runtime.CsvRows}); the
 * CSV text is the message as received. {@code format: raw}: the body stays the object's content
 * stream, never read into memory here; its length and type go with it for a put.</li>
 * </ul>
 */
public final class S3ObjectReceiver implements Processor {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}");

    private final String source;
    private final JsonBodyNormalizer json;
    private S3System client;
    private Pattern glob;
    private boolean raw;
    private boolean csv;
    private long maxJsonBytes = 16L << 20;
    private boolean deleteAfterRead;
    private String donePrefix = "done/";
    private String failedPrefix = "failed/";

    public S3ObjectReceiver(String source) {
        this.source = source;
        this.json = new JsonBodyNormalizer(source);
    }

    public void setClient(S3System client) {
        this.client = client;
    }

    /** A regular expression over whole keys ({@link Globs#regex}); none: every key listed. */
    public void setGlob(String regex) {
        this.glob = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
    }

    public void setFormat(String format) {
        this.raw = "raw".equals(format);
        this.csv = "csv".equals(format);
    }

    public void setMaxJsonBytes(long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    /** {@code delete}, or {@code move} to the done prefix. */
    public void setAfterRead(String afterRead) {
        this.deleteAfterRead = "delete".equals(afterRead);
    }

    public void setDonePrefix(String donePrefix) {
        this.donePrefix = donePrefix;
    }

    public void setFailedPrefix(String failedPrefix) {
        this.failedPrefix = failedPrefix;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String key = message.getHeader(AWS2S3Constants.KEY, String.class);
        if (key == null || key.endsWith("/") || (glob != null && !glob.matcher(key).matches())) {
            if (message.getBody() instanceof InputStream content) {
                IOHelper.close(content);
            }
            exchange.setRouteStop(true);
            return;
        }
        String contentType = message.getHeader(AWS2S3Constants.CONTENT_TYPE, String.class);
        Map<String, String> metadata = metadataOf(message);
        exchange.getExchangeExtension().addOnCompletion(new S3Settlement(client, source, key, contentType, metadata,
                deleteAfterRead ? null : donePrefix, failedPrefix));
        message.removeHeader(AWS2S3Constants.METADATA);
        message.setHeader(S3Headers.KEY_HEADER, key);
        String correlation = metadata.get(S3Headers.CORRELATION_ID);
        if (correlation != null) {
            message.setHeader(JsonBodyNormalizer.CORRELATION_HEADER, correlation);
        }
        if (raw) {
            envelope(message, correlation);
            Long length = message.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class);
            if (length != null) {
                exchange.setProperty(S3Headers.LENGTH_PROPERTY, length);
            }
            if (contentType != null) {
                exchange.setProperty(S3Headers.TYPE_PROPERTY, contentType);
            }
        } else if (csv) {
            // the envelope first, so even an object that is not valid CSV is traceable by its correlation id
            envelope(message, correlation);
            message.setBody(S3Content.read(exchange, message.getBody(), true, maxJsonBytes, key));
        } else {
            message.setBody(S3Content.readJsonBytes(message.getBody(), maxJsonBytes, key));
            json.process(exchange);
        }
        String schema = metadata.get(S3Headers.SCHEMA);
        String version = metadata.get(S3Headers.SCHEMA_VERSION);
        if (schema != null && SCHEMA_NAME.matcher(schema).matches()) {
            message.setHeader(UdmHeaders.SCHEMA, schema);
            if (version != null && VERSION.matcher(version).matches()) {
                message.setHeader(UdmHeaders.SCHEMA_VERSION, Integer.valueOf(version));
            }
        }
    }

    /** The envelope of a message whose body is not parsed: as {@link JsonBodyNormalizer} sets it. */
    private void envelope(Message message, String correlation) {
        message.getHeaders().keySet().removeIf(UdmHeaders::isKernelOwned);
        message.setHeader(UdmHeaders.SOURCE, source);
        message.setHeader(UdmHeaders.CORRELATION_ID, CorrelationIds.adoptOrDraw(correlation));
        message.setHeader(UdmHeaders.CREATED_AT, Instant.now().toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> metadataOf(Message message) {
        Object metadata = message.getHeader(AWS2S3Constants.METADATA);
        return metadata instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }
}
