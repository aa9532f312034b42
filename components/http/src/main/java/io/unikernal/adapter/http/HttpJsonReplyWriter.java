package io.unikernal.adapter.http;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.ReplyProcessor;
import io.unikernal.udm.UdmHeaders;
import java.util.HashSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns the route's final message into the HTTP response: JSON body, status, {@code X-Correlation-Id}. Every other
 * header is dropped — platform-http would otherwise echo request headers (credentials included) back to the caller
 * — except those the route's reply declares.
 */
public final class HttpJsonReplyWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        Object status = message.getHeader(Exchange.HTTP_RESPONSE_CODE);
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        Set<String> keep = new HashSet<>(ReplyProcessor.declaredHeaders(exchange));
        message.getHeaders().keySet().removeIf(name -> !keep.contains(name));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status == null ? 200 : status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (correlation != null) {
            message.setHeader("X-Correlation-Id", correlation);
        }
        message.setBody(body instanceof byte[] ? body : StrictJson.write(body));
    }
}
