package io.unikernal.example.extending;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Masks the named fields of a map body. A field that is not text (a card number written as a number) is masked as
 * its text, so the result never shows more than {@code keep} characters; an absent field stays absent.
 */
public final class MaskProcessor implements Processor {

    private final List<String> fields;
    private final int keep;

    public MaskProcessor(String fields, int keep) {
        this.fields = List.of(fields.split(","));
        this.keep = keep;
    }

    @Override
    public void process(Exchange exchange) {
        if (!(exchange.getMessage().getBody() instanceof Map<?, ?> body)) {
            return;
        }
        Map<Object, Object> masked = new LinkedHashMap<>(body);
        for (String field : fields) {
            Object value = masked.get(field);
            if (value != null) {
                masked.put(field, mask(String.valueOf(value), keep));
            }
        }
        exchange.getMessage().setBody(masked);
    }

    static String mask(String text, int keep) {
        int shown = Math.min(keep, text.length());
        return "*".repeat(text.length() - shown) + text.substring(text.length() - shown);
    }
}
