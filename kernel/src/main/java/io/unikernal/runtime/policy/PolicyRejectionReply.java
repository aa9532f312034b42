package io.unikernal.runtime.policy;

import io.unikernal.runtime.ReplyProcessor;
import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The reply to a call the route's policy refused: 401, 403, 409 or 429 (the last two with Retry-After), the reason,
 * its details and the correlation id. A refused call is answered, not recorded as a dead letter: it was never accepted.
 */
public final class PolicyRejectionReply implements Processor {

    @Override
    public void process(Exchange exchange) {
        PolicyRejectedException refused = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                PolicyRejectedException.class);
        Message message = exchange.getMessage();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refused == null ? "refused" : io.unikernal.runtime.SecretMasker.mask(refused.getMessage()));
        body.put("details", refused == null ? java.util.List.of() : refused.details());
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        body.put("correlationId", correlation != null ? correlation
                : exchange.getProperty(UdmHeaders.CORRELATION_ID, String.class));
        int status = refused == null ? 403 : refused.status();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        countRefusal(exchange, status);
        if (refused != null && refused.retryAfterSeconds() > 0) {
            message.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
            exchange.setProperty(ReplyProcessor.DECLARED_HEADERS, Set.of("Retry-After"));
        }
        message.setBody(body);
    }

    /**
     * Counts the refusal in the app's Micrometer registry when metrics are on ({@code unikernal run}):
     * {@code unikernal_policy_refusals_total{route, status}} — 401 and 403 for access, 429 for the rate limit.
     */
    private static void countRefusal(Exchange exchange, int status) {
        io.micrometer.core.instrument.MeterRegistry registry = exchange.getContext().getRegistry()
                .findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
        if (registry != null) {
            registry.counter("unikernal.policy.refusals", "route", String.valueOf(exchange.getFromRouteId()),
                    "status", String.valueOf(status)).increment();
        }
    }
}
