package io.unikernal.runtime.policy;

import io.unikernal.runtime.OpenBreakerRefusal;
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
    public static final class BreakerOpenException extends RuntimeException implements OpenBreakerRefusal {
        BreakerOpenException(String target) {
            super("CircuitBreaker of target '" + target + "' is open: the call was not made");
        }

        BreakerOpenException(String target, boolean timed) {
            super("CircuitBreaker of target '" + target + "' is open: the call was not made"
                    + (timed ? " (or it timed out, and that failure opened the breaker)" : ""));
        }
    }

    /**
     * Thrown for a call that failed without an exception of its own while the breaker was closed: the time limiter
     * gave up waiting for it (Camel's EIP does not pass its timeout on to the fallback), or the bulkhead was full.
     */
    public static final class GuardedCallTimeoutException extends RuntimeException {
        GuardedCallTimeoutException(String target, boolean timed) {
            super(timed ? "call to target '" + target + "' timed out (or its bulkhead was full)"
                    : "call to target '" + target + "' was refused: its bulkhead is full");
        }
    }

    private String target;
    private boolean timed;

    public void setTarget(String target) {
        this.target = target;
    }

    /** True when the breaker's time limiter bounds the call (the target's client has no timeout of its own). */
    public void setTimed(boolean timed) {
        this.timed = timed;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object recorded = exchange.getProperty(FAILURE);
        if (recorded == null && Boolean.TRUE.equals(exchange.getProperty(
                org.apache.camel.ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SUCCESSFUL_EXECUTION))) {
            return; // after a call that succeeded: the usual case (every fallback run has this set to false)
        }
        if (recorded == null) {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (isInFallback(exchange)) {
                // first run, as the breaker's fallback: remember why, let the breaker finish; a call the breaker
                // refused is told apart, since retrying it before the breaker half-opens is pointless
                exchange.setProperty(FAILURE, cause != null && !refused(cause) ? cause : failureWithoutCause(exchange));
                exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
            }
            return;
        }
        // second run, in the route after the breaker: fail the message for real. The record goes: with retry the
        // whole guarded call (breaker and this check) is redelivered, and a later attempt must start clean
        exchange.removeProperty(FAILURE);
        throw recorded instanceof Exception e ? e : new BreakerOpenException(target);
    }

    /** Camel leaves the breaker's own refusal as the caught exception when it has one. */
    private static boolean refused(Exception cause) {
        return cause instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException;
    }

    private RuntimeException failureWithoutCause(Exchange exchange) {
        String state = exchange.getProperty(
                org.apache.camel.ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_STATE, String.class);
        return "CLOSED".equals(state) ? new GuardedCallTimeoutException(target, timed)
                : new BreakerOpenException(target, timed);
    }

    private static boolean isInFallback(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getProperty(
                org.apache.camel.ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_FROM_FALLBACK, Boolean.class))
                || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null
                || Boolean.TRUE.equals(exchange.getProperty(
                        org.apache.camel.ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED, Boolean.class));
    }
}
