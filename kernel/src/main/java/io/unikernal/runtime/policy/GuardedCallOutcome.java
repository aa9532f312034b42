package io.unikernal.runtime.policy;

import io.unikernal.runtime.OpenBreakerRefusal;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Records how a call permitted by a {@link GuardedCallBreaker} ended. After the call: a success (with its duration,
 * so a slow call counts as slow). In the call's {@code doCatch}: a failure; without a fallback the failure is then
 * thrown again, so the route's retry, dead letter and error reply apply to it as to any failure (never lost).
 */
public final class GuardedCallOutcome implements Processor {

    /** The app-wide beans, one per outcome. */
    public static final String SUCCEEDED = "guarded-call-succeeded";
    public static final String FAILED = "guarded-call-failed";
    public static final String FAILED_TO_FALLBACK = "guarded-call-failed-to-fallback";

    private boolean failed;
    private boolean rethrow = true;

    /** True for the bean that runs in the call's doCatch. */
    public void setFailed(boolean failed) {
        this.failed = failed;
    }

    /** False when a fallback answers instead of the failure. */
    public void setRethrow(boolean rethrow) {
        this.rethrow = rethrow;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        GuardedCallBreaker.Call call = (GuardedCallBreaker.Call) exchange.removeProperty(GuardedCallBreaker.CALL);
        if (!failed) {
            if (call != null) {
                call.breaker().onSuccess(System.nanoTime() - call.startNanos(), TimeUnit.NANOSECONDS);
            }
            return;
        }
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (call != null && !(cause instanceof OpenBreakerRefusal)) {
            call.breaker().onError(System.nanoTime() - call.startNanos(), TimeUnit.NANOSECONDS, cause);
        }
        if (rethrow) {
            exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
            throw cause != null ? cause : new IllegalStateException("the guarded call failed without a cause");
        }
    }
}
