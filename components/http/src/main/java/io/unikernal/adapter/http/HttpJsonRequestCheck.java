package io.unikernal.adapter.http;

import io.unikernal.runtime.MessageRejectedException;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses request bodies in a format the route does not read with 415, naming the fix. HTML form and multipart
 * bodies are consumed by the HTTP server before the route sees them, so they cannot be treated as JSON.
 */
public final class HttpJsonRequestCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type == null) {
            return;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/")) {
            throw new MessageRejectedException(415, "the request body must be JSON",
                    List.of("Content-Type was '" + type + "'; send the body with Content-Type: application/json"
                            + " (with curl: -H 'Content-Type: application/json')"));
        }
    }
}
