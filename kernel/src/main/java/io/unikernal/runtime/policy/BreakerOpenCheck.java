package io.unikernal.runtime.policy;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Keeps a guarded call's failure from vanishing. Camel's circuitBreaker EIP marks a failed exchange so that the
 * route's error handler never sees it (the caller just gets a bare 500, nothing is dead-lettered). So the compiler
 * gives every breaker without a user fallback this bean as its fallback — there it records why the call failed
 * (the target's exception, or the open breaker's refusal) — and runs it again right after the breaker, where it
 * throws that failure in the route itself, so retry, dead letter and the error reply apply as for any failure.
 */
public final class BreakerOpenCheck implements Processor {

    /** Exchange property holding the failure recorded in the fallback. */
    static final String FAILURE = "UnikernalGuardedCallFailure";

    /** Thrown for a call the open (or saturated half-open) breaker refused, or that failed without an exception. */
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
    public void process(Exchange exchange) throws Exception {
        Object recorded = exchange.getProperty(FAILURE);
        if (recorded == null) {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (isInFallback(exchange)) {
                // first run, as the breaker's fallback: remember why, let the breaker finish; a refusal of the
                // open breaker is told apart, since retrying it before the breaker half-opens is pointless
                exchange.setProperty(FAILURE, cause != null && !shortCircuited(exchange) ? cause
                        : new BreakerOpenException(target));
                exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
            }
            return;
        }
        // second run, in the route after the breaker: fail the message for real. The record goes: with retry the
        // whole guarded call (breaker and this check) is redelivered, and a later attempt must start clean
        exchange.removeProperty(FAILURE);
        throw recorded instanceof Exception e ? e : new BreakerOpenException(target);
    }

    /** A call the breaker refused never ran, so Camel leaves no exception behind (or a CallNotPermitted). */
    private static boolean shortCircuited(Exchange exchange) {
        Object caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT);
        return caught == null || caught instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException;
    }

    private static boolean isInFallback(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getProperty(
                org.apache.camel.ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_FROM_FALLBACK, Boolean.class))
                || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null
                || Boolean.TRUE.equals(exchange.getProperty(
                        org.apache.camel.ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED, Boolean.class));
    }
}
