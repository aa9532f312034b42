package io.unikernal.runtime;

import io.unikernal.udm.UdmHeaders;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Replaces the body of a failed exchange with a dead-letter record: the original payload as received, the reason
 * (the last failure), the first failure, the route, the tries made ({@link FailureHistory}), the correlation id and
 * when it failed. For an element of a split that failed, the payload is that element as it came out of the list and
 * {@code splitIndex} its index there ({@link SplitElementMark}). The dead-letter system receives this record
 * (a JDBC target can insert it with {@code :#payload}, {@code :#reason}, ...).
 *
 * <p>Secrets stay out of the record: the reason and details go through {@link SecretMasker}; the payload, kept for
 * replay, has the registered secret values masked but the caller's data otherwise as sent; and the credential headers
 * (Authorization, Cookie, API keys, the auth policy's key header) are removed, so neither the dead-letter system nor a
 * log of it sees them.
 */
public final class DeadLetterRecorder implements Processor {

    /** Exchange property: one line saying how a message failed (id, tries, reason, root cause), masked, for the log. */
    public static final String SUMMARY = "UnikernalFailureSummary";

    /** Exchange property set once the record is in the dead-letter system (else it went to the error log). */
    public static final String KEPT = "UnikernalDeadLetterKept";

    private final String route;
    private final String credentialHeader;

    public DeadLetterRecorder(String route) {
        this(route, null);
    }

    /** {@code credentialHeader}: the header the route's auth policy reads the API key from (removed too). */
    public DeadLetterRecorder(String route, String credentialHeader) {
        this.route = route;
        this.credentialHeader = credentialHeader;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> SecretMasker.isCredentialHeader(name)
                || name.equalsIgnoreCase(credentialHeader));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("route", route);
        record.put("correlationId", correlationId(exchange));
        record.put("source", message.getHeader(UdmHeaders.SOURCE, String.class));
        FailureHistory.Tally tally = FailureHistory.of(exchange, route);
        record.put("reason", describe(failure));
        record.put("firstFailure", describe(tally == null || tally.first() == null ? failure : tally.first()));
        record.put("errorType", failure == null ? null : failure.getClass().getName());
        record.put("details", details(failure));
        int attempts = tally == null ? 1 : Math.max(1, tally.failures());
        record.put("attempts", attempts);
        exchange.setProperty(SUMMARY, summary(record, attempts));
        record.put("failedAt", Instant.now().toString());
        Object element = exchange.getProperty(SplitElementMark.ELEMENT);
        if (element != null) {
            // an element of a split failed: the element itself and where it was in its list, not the whole message
            record.put("payload", SecretMasker.maskSecrets((String) element));
            record.put("splitIndex", exchange.getProperty(SplitElementMark.INDEX));
        } else {
            record.put("payload", SecretMasker.maskSecrets(originalPayload(exchange)));
        }
        message.setBody(record);
        countFailure(exchange, failure);
    }

    /**
     * Counts the failed message in the app's Micrometer registry when metrics are on:
     * {@code unikernal_messages_dead_lettered_total{route, cause}}, cause = {@code rejected} (the message was at
     * fault: 4xx), {@code breaker_open} (refused by an open circuit breaker) or {@code failed} (a target or the
     * platform failed). Camel counts such messages as handled, not failed, since the failure clause handles them.
     */
    private void countFailure(Exchange exchange, Exception failure) {
        io.micrometer.core.instrument.MeterRegistry registry = exchange.getContext().getRegistry()
                .findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
        if (registry != null) {
            String cause = failure instanceof MessageRejectedException ? "rejected"
                    : failure instanceof OpenBreakerRefusal ? "breaker_open" : "failed";
            registry.counter("unikernal.messages.dead.lettered", "route", route, "cause", cause).increment();
        }
    }

    private static String summary(Map<String, Object> record, int attempts) {
        Object reason = record.get("reason");
        Object first = record.get("firstFailure");
        return "message " + record.get("correlationId") + " failed after " + attempts
                + (attempts == 1 ? " try: " : " tries: ") + reason
                + (first == null || first.equals(reason) ? "" : " (first failure: " + first + ")")
                + (record.get("details") == null ? "" : " (" + record.get("details") + ")");
    }

    /** A rejected message's violations; for any other failure its root cause, when that says more than the reason. */
    private static String details(Throwable failure) {
        if (failure instanceof MessageRejectedException r && !r.details().isEmpty()) {
            return SecretMasker.mask(String.join("; ", r.details()));
        }
        String root = failure == null ? null : RootCause.message(failure);
        return root == null || root.equals(describe(failure)) ? null : root;
    }

    private static String describe(Throwable failure) {
        return failure == null ? "unknown" : SecretMasker.mask(String.valueOf(failure.getMessage()));
    }

    /** The message as it arrived, before any step changed it; text, so any store can keep it. */
    private static String originalPayload(Exchange exchange) {
        Object original = exchange.getProperty(JsonBodyParser.RAW_PAYLOAD);
        if (original == null) {
            original = exchange.getMessage().getBody();
        }
        if (original == null || original instanceof String) {
            return (String) original;
        }
        if (original instanceof Map || original instanceof Iterable || original instanceof Number
                || original instanceof Boolean) {
            return StrictJson.write(original);
        }
        String text = exchange.getContext().getTypeConverter().tryConvertTo(String.class, exchange, original);
        return text != null ? text : String.valueOf(original);
    }

    /** The message's correlation id, from its header or, when a target replaced the headers, the exchange. */
    static String correlationId(Exchange exchange) {
        String id = exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID, String.class);
        return id != null ? id : exchange.getProperty(UdmHeaders.CORRELATION_ID, String.class);
    }
}
