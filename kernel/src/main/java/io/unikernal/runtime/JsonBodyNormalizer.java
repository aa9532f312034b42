package io.unikernal.runtime;

import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns native input into a UDM message: the body becomes the JSON payload (Map, List or scalar; an already parsed
 * payload is kept), and the UDM headers are set — source system, correlation id (taken from a well-formed incoming
 * {@code X-Correlation-Id} when present), creation time — after removing any the sender tried to set. Malformed
 * JSON is rejected with its position.
 */
public final class JsonBodyNormalizer implements Processor {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /**
     * Exchange property: when {@code true}, the body is kept as received (not parsed) and only the envelope is set.
     * Set by the kernel's own processors only (a bridge forwarding a message whose content type is not JSON): a
     * sender cannot set exchange properties.
     */
    public static final String KEEP_BODY_PROPERTY = "UnikernalKeepBody";

    private final String source;
    private boolean jsonMediaTypeOnly;

    public JsonBodyNormalizer(String source) {
        this.source = source;
    }

    /** When set, a message whose Content-Type is not JSON is refused with 415 ({@link JsonMediaType}). */
    public void setJsonMediaTypeOnly(boolean jsonMediaTypeOnly) {
        this.jsonMediaTypeOnly = jsonMediaTypeOnly;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        envelope(exchange, source);
        if (Boolean.TRUE.equals(exchange.getProperty(KEEP_BODY_PROPERTY))) {
            return;
        }
        if (jsonMediaTypeOnly) {
            try {
                JsonMediaType.check(exchange);
            } catch (MessageRejectedException refused) {
                JsonBodyParser.keepAsReceived(exchange);
                throw refused;
            }
        }
        // the envelope is set first, so even a malformed body is traceable by its correlation id
        exchange.getMessage().setBody(JsonBodyParser.parse(exchange, exchange.getMessage().getBody()));
    }

    /**
     * Sets the UDM envelope of a message arriving from outside the app. Headers the kernel owns ({@code Udm*}, any
     * case) are removed first: only the kernel sets them. The caller's correlation id is taken from
     * {@value #CORRELATION_HEADER} alone, and only when it has a safe shape ({@link CorrelationIds#isAcceptable});
     * otherwise that header is dropped and the message gets a fresh id.
     */
    static void envelope(Exchange exchange, String source) {
        Message message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(UdmHeaders::isKernelOwned);
        Object offered = message.getHeader(CORRELATION_HEADER);
        if (offered != null && !CorrelationIds.isAcceptable(offered)) {
            message.removeHeader(CORRELATION_HEADER);
            offered = null;
        }
        message.setHeader(UdmHeaders.SOURCE, source);
        message.setHeader(UdmHeaders.CORRELATION_ID, offered != null ? offered : CorrelationIds.next());
        message.setHeader(UdmHeaders.CREATED_AT, Timestamps.now());
    }

    /**
     * Completes the envelope of a message handed over inside the app (direct, seda): the sending route set it, so
     * its correlation id, time and caller are kept; only what is missing is added.
     */
    static void completeEnvelope(Exchange exchange, String source) {
        Message message = exchange.getMessage();
        message.setHeader(UdmHeaders.SOURCE, source);
        if (message.getHeader(UdmHeaders.CORRELATION_ID) == null) {
            Object offered = message.getHeader(CORRELATION_HEADER);
            message.setHeader(UdmHeaders.CORRELATION_ID, CorrelationIds.adoptOrDraw(offered));
        }
        if (message.getHeader(UdmHeaders.CREATED_AT) == null) {
            message.setHeader(UdmHeaders.CREATED_AT, Timestamps.now());
        }
    }
}
