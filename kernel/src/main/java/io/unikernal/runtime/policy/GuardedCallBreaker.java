package io.unikernal.runtime.policy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The circuit breaker of one target call, run by the route itself: the first step of the guarded call asks this
 * breaker for a permit (a refused call fails with {@link BreakerOpenCheck.BreakerOpenException}, which is not
 * retried), and {@link GuardedCallOutcome} records the call's success or failure on it. The call is a
 * {@code step} holding a {@code doTry}, so the route's redelivery re-runs the whole call, permit included: every
 * try is recorded. Unlike Camel's circuitBreaker EIP it copies no exchange and needs no route of its own.
 * The breaker is resilience4j's, so its states, rates and refusal events read as before (metrics and health).
 */
public final class GuardedCallBreaker implements Processor {

    /** Exchange property holding the call in flight: its breaker and start time. */
    static final String CALL = "UnikernalGuardedCall";

    /** A call the breaker permitted, until its outcome is recorded. */
    record Call(CircuitBreaker breaker, long startNanos) {
    }

    private String target;
    private float failureRate = 50;
    private float slowCallRate = 100;
    private long slowCallMillis = 60_000;
    private int window = 100;
    private int minimumCalls = 100;
    private int halfOpenCalls = 10;
    private long waitOpenMillis = 60_000;
    private volatile CircuitBreaker breaker;

    public void setTarget(String target) {
        this.target = target;
    }

    public void setFailureRate(float failureRate) {
        this.failureRate = failureRate;
    }

    public void setSlowCallRate(float slowCallRate) {
        this.slowCallRate = slowCallRate;
    }

    public void setSlowCallMillis(long slowCallMillis) {
        this.slowCallMillis = slowCallMillis;
    }

    public void setWindow(int window) {
        this.window = window;
    }

    public void setMinimumCalls(int minimumCalls) {
        this.minimumCalls = minimumCalls;
    }

    public void setHalfOpenCalls(int halfOpenCalls) {
        this.halfOpenCalls = halfOpenCalls;
    }

    public void setWaitOpenMillis(long waitOpenMillis) {
        this.waitOpenMillis = waitOpenMillis;
    }

    /** The live breaker (built on first use, after the bean's properties are set). */
    public CircuitBreaker getCircuitBreaker() {
        CircuitBreaker b = breaker;
        if (b == null) {
            synchronized (this) {
                b = breaker;
                if (b == null) {
                    b = CircuitBreaker.of(target, CircuitBreakerConfig.custom()
                            .failureRateThreshold(failureRate)
                            .slowCallRateThreshold(slowCallRate)
                            .slowCallDurationThreshold(Duration.ofMillis(slowCallMillis))
                            .slidingWindow(window, minimumCalls, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED,
                                    CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                            .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                            .waitDurationInOpenState(Duration.ofMillis(waitOpenMillis))
                            .build());
                    breaker = b;
                }
            }
        }
        return b;
    }

    @Override
    public void process(Exchange exchange) {
        CircuitBreaker b = getCircuitBreaker();
        if (!b.tryAcquirePermission()) {
            // resilience4j has published the refusal event (the not-permitted count follows it)
            throw new BreakerOpenCheck.BreakerOpenException(target);
        }
        exchange.setProperty(CALL, new Call(b, System.nanoTime()));
    }
}
