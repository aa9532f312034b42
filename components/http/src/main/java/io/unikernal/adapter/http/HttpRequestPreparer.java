package io.unikernal.adapter.http;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.idempotency.OutboundIdempotencyKey;
import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares an outgoing HTTP call: only the UDM envelope travels (as {@code X-Correlation-Id} and {@code Udm*}
 * headers) with the call's {@code Idempotency-Key} ({@link OutboundIdempotencyKey}: the same on each retry of the
 * message, so the target can de-duplicate); every other header — the caller's Authorization, API keys, cookies, an
 * {@code Idempotency-Key} of its own, Camel's — is removed first, so nothing reaches a target unless a route maps it
 * on purpose.
 */
public final class HttpRequestPreparer implements Processor {

    private final String method;

    public HttpRequestPreparer(String method) {
        this.method = method;
    }

    /** The header a target reads the call's idempotency key from (the IETF httpapi draft's name). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> !name.startsWith("Udm"));
        message.setHeader(Exchange.HTTP_METHOD, method);
        String key = OutboundIdempotencyKey.of(exchange);
        if (key != null) {
            message.setHeader(IDEMPOTENCY_KEY, key);
        }
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            message.setHeader("X-Correlation-Id", correlation);
            // the response replaces the headers; failure handling still needs the id
            exchange.setProperty(UdmHeaders.CORRELATION_ID, correlation);
        }
        if ("GET".equals(method) || "DELETE".equals(method)) {
            message.setBody(null);
        } else {
            Object body = message.getBody();
            message.setBody(body instanceof String || body instanceof byte[] ? body : StrictJson.write(body));
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
    }
}
