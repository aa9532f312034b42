package io.unikernal.runtime;

import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns native input into a UDM message: the body becomes the JSON payload (Map, List or scalar; an already parsed
 * payload is kept), and the UDM headers are set — source system, correlation id (taken from an incoming
 * {@code X-Correlation-Id} when present), creation time. Malformed JSON is rejected with its position.
 */
public final class JsonBodyNormalizer implements Processor {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final String source;

    public JsonBodyNormalizer(String source) {
        this.source = source;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        envelope(exchange, source);
        // the envelope is set first, so even a malformed body is traceable by its correlation id
        exchange.getMessage().setBody(JsonBodyParser.parse(exchange, exchange.getMessage().getBody()));
    }

    /** Sets the UDM envelope headers of an arriving message (keeping a correlation id or time it already has). */
    static void envelope(Exchange exchange, String source) {
        Message message = exchange.getMessage();
        message.setHeader(UdmHeaders.SOURCE, source);
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation == null) {
            correlation = message.getHeader(CORRELATION_HEADER, String.class);
        }
        message.setHeader(UdmHeaders.CORRELATION_ID, correlation != null ? correlation : CorrelationIds.next());
        if (message.getHeader(UdmHeaders.CREATED_AT) == null) {
            message.setHeader(UdmHeaders.CREATED_AT, Timestamps.now());
        }
    }
}
