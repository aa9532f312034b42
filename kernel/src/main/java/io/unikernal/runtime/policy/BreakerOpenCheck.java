package io.unikernal.runtime.policy;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;

/**
 * Runs right after a {@code circuitBreaker} without fallback. Camel's Resilience4j EIP lets a message that the open
 * breaker refused pass on unchanged (it only marks it short-circuited); this turns that into a failure, so the
 * message is retried or dead-lettered instead of silently skipping its target.
 */
public final class BreakerOpenCheck implements Processor {

    /** Thrown for a call the open (or saturated half-open) breaker refused. */
    public static final class BreakerOpenException extends RuntimeException {
        BreakerOpenException(String target) {
            super("CircuitBreaker of target '" + target + "' is open: the call was not made");
        }
    }

    private String target;

    public void setTarget(String target) {
        this.target = target;
    }

    @Override
    public void process(Exchange exchange) {
        Boolean shortCircuited = exchange.getProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED,
                Boolean.class);
        Boolean fromFallback = exchange.getProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_FROM_FALLBACK,
                Boolean.class);
        exchange.removeProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED.getName());
        if (Boolean.TRUE.equals(shortCircuited) && !Boolean.TRUE.equals(fromFallback)) {
            throw new BreakerOpenException(target);
        }
    }
}
