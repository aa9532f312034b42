package io.unikernal.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Writes a JSON-like body (Map, List, scalar) as JSON text for a byte-oriented target; text stays as it is. */
public final class JsonBodyWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (!(body instanceof String) && !(body instanceof byte[])) {
            message.setBody(StrictJson.write(body));
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }
}
