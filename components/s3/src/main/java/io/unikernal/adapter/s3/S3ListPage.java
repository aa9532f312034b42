package io.unikernal.adapter.s3;

import io.unikernal.runtime.MessageRejectedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One page of an s3 list. S3 answers at most {@value #PAGE} keys a call and Camel's producer neither pages nor says
 * whether the answer was cut, so the compiled route loops: {@code ask} sets the next page's request (after the last key
 * seen) as the body for the producer's {@code pojoRequest} mode, {@code take} keeps the page's objects the glob
 * matches and decides whether another page follows. More than {@code maxKeys} matches fail the message rather than
 * answering a list cut short.
 */
public final class S3ListPage implements Processor {

    static final int PAGE = 1000;
    static final String MORE_PROPERTY = "UnikernalS3ListMore";
    static final String AFTER_PROPERTY = "UnikernalS3ListAfter";
    static final String FOUND_PROPERTY = "UnikernalS3ListFound";

    private boolean ask = true;
    private String bucket;
    private String prefix;
    private Pattern glob;
    private int maxKeys = 100_000;
    private int pageSize = PAGE;

    /** ask (before the producer) or take (after it). */
    public void setStep(String step) {
        this.ask = !"take".equals(step);
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix == null || prefix.isEmpty() ? null : prefix;
    }

    public void setGlob(String regex) {
        this.glob = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
    }

    public void setMaxKeys(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** Keys asked for per call; S3's own limit unless a test wants short pages. */
    public void setPageSize(int pageSize) {
        this.pageSize = Math.min(PAGE, Math.max(1, pageSize));
    }

    /** Starts a listing: the loop's first page is asked for. */
    static void start(Exchange exchange) {
        exchange.setProperty(MORE_PROPERTY, Boolean.TRUE);
        exchange.removeProperty(AFTER_PROPERTY);
        exchange.setProperty(FOUND_PROPERTY, new ArrayList<Map<String, Object>>());
    }

    @Override
    public void process(Exchange exchange) {
        if (ask) {
            exchange.getMessage().setBody(ListObjectsRequest.builder().bucket(bucket).prefix(prefix).maxKeys(pageSize)
                    .marker(exchange.getProperty(AFTER_PROPERTY, String.class)).build());
        } else {
            take(exchange);
        }
    }

    @SuppressWarnings("unchecked")
    private void take(Exchange exchange) {
        List<Map<String, Object>> found = exchange.getProperty(FOUND_PROPERTY, List.class);
        List<?> page = exchange.getMessage().getBody(List.class);
        String last = null;
        for (Object item : page == null ? List.of() : page) {
            if (item instanceof S3Object object) {
                last = object.key();
                if (glob == null || glob.matcher(object.key()).matches()) {
                    found.add(entry(object));
                }
            }
        }
        if (found.size() > maxKeys) {
            throw new MessageRejectedException("the list matches more than " + maxKeys + " objects (maxKeys): narrow"
                    + " its prefix or glob, or raise maxKeys", List.of());
        }
        boolean more = page != null && page.size() >= pageSize && last != null;
        exchange.setProperty(MORE_PROPERTY, more);
        exchange.setProperty(AFTER_PROPERTY, last);
    }

    private static Map<String, Object> entry(S3Object object) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("key", object.key());
        entry.put("size", object.size());
        entry.put("lastModified", object.lastModified() == null ? null : object.lastModified().toString());
        entry.put("etag", object.eTag());
        return entry;
    }
}
