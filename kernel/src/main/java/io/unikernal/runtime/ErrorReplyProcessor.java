package io.unikernal.runtime;

import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The reply a waiting caller gets when its message failed: 4xx with the details when the message was at fault,
 * 500 otherwise. Internal exception text (the root cause included) is not sent for 5xx; the correlation id lets an
 * operator find the dead-letter record or the error log line. What is sent goes through {@link SecretMasker}: no secret value or credential reaches the
 * caller.
 */
public final class ErrorReplyProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message message = exchange.getMessage();
        Map<String, Object> body = new LinkedHashMap<>();
        if (failure instanceof MessageRejectedException rejected) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, rejected.status());
            body.put("error", SecretMasker.mask(rejected.getMessage()));
            body.put("details", rejected.details().stream().map(SecretMasker::mask).toList());
            IngressRefusals.count(exchange.getContext(), exchange.getFromRouteId(), rejected.status());
        } else {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
            // say where the message went: a route without deadLetter (or whose dead letter failed) logged it
            body.put("error", "the message could not be processed; " + (exchange.getProperty(
                    DeadLetterRecorder.KEPT, false, Boolean.class) ? "it was kept in the dead-letter destination"
                            : "it was written to the error log"));
        }
        body.put("correlationId", DeadLetterRecorder.correlationId(exchange));
        message.setBody(body);
    }

    /**
     * The error reply in one line, for protocols that answer a failure with a text (a gRPC status description, a
     * Thrift TApplicationException): {@code error: detail; detail (correlationId=...)}.
     */
    public static String describe(Object body) {
        if (!(body instanceof Map<?, ?> reply)) {
            return "the call could not be processed";
        }
        StringBuilder text = new StringBuilder(String.valueOf(reply.get("error")));
        if (reply.get("details") instanceof java.util.List<?> details && !details.isEmpty()) {
            text.append(": ");
            for (int i = 0; i < details.size(); i++) {
                text.append(i == 0 ? "" : "; ").append(details.get(i));
            }
        }
        if (reply.get("correlationId") != null) {
            text.append(" (correlationId=").append(reply.get("correlationId")).append(')');
        }
        return text.toString();
    }
}
