package io.unikernal.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No sampling on the fast path: the kernel breaker records every call and the rate limiter charges every call to
 * its bucket, so the breaker opens at exactly its configured failures and the (rate+1)th call of a window is refused.
 */
class EveryGuardedCallIsCountedTest {

    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private Exchange exchange() {
        return new DefaultExchange(context);
    }

    private static GuardedCallOutcome outcome(boolean failed) {
        GuardedCallOutcome outcome = new GuardedCallOutcome();
        outcome.setFailed(failed);
        return outcome;
    }

    /** One call through the breaker, as the compiled step runs it: permit, call, then its outcome. */
    private static void call(GuardedCallBreaker breaker, Exchange exchange, boolean fails) throws Exception {
        try {
            breaker.process(exchange);
            if (fails) {
                throw new IllegalStateException("peer failed");
            }
            outcome(false).process(exchange);
        } catch (Exception e) {
            // what the call's doCatch sees
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, e);
            outcome(true).process(exchange);
        }
    }

    @Test
    void theBreakerOpensAtExactlyItsConfiguredFailuresAndThenRefusesWithoutCalling() throws Exception {
        GuardedCallBreaker breaker = new GuardedCallBreaker();
        breaker.setTarget("pricer");
        breaker.setFailureRate(100);
        breaker.setWindow(5);
        breaker.setMinimumCalls(5);
        for (int i = 1; i <= 4; i++) {
            Exchange exchange = exchange();
            assertThatThrownBy(() -> call(breaker, exchange, true)).hasMessage("peer failed");
            assertThat(breaker.getCircuitBreaker().getState()).as("after %d failures", i)
                    .isEqualTo(CircuitBreaker.State.CLOSED);
        }
        assertThatThrownBy(() -> call(breaker, exchange(), true)).hasMessage("peer failed");
        assertThat(breaker.getCircuitBreaker().getState()).as("after the 5th failure")
                .isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> call(breaker, exchange(), false))
                .isInstanceOf(BreakerOpenCheck.BreakerOpenException.class)
                .hasMessageContaining("CircuitBreaker of target 'pricer' is open");
        assertThat(breaker.getCircuitBreaker().getMetrics().getNumberOfFailedCalls())
                .as("a refused call is not recorded as a failure").isEqualTo(5);
        assertThat(breaker.getCircuitBreaker().getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
    }

    @Test
    void everySuccessfulCallIsRecordedByTheBreaker() throws Exception {
        GuardedCallBreaker breaker = new GuardedCallBreaker();
        breaker.setTarget("pricer");
        breaker.setWindow(10_000);
        breaker.setMinimumCalls(10_000);
        for (int i = 0; i < 7_321; i++) {
            call(breaker, exchange(), false);
        }
        assertThat(breaker.getCircuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(7_321);
        assertThat(breaker.getCircuitBreaker().getMetrics().getNumberOfBufferedCalls()).isEqualTo(7_321);
    }

    @Test
    void theRatePlusFirstCallInAWindowIsRefused() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        context.getRegistry().bind(RateLimiter.TIME_METER, TimeMeter.class, new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        });
        RateLimiter limiter = new RateLimiter();
        limiter.setCamelContext(context);
        limiter.setRoute("order");
        limiter.setPermits(50);
        limiter.setPeriodMillis(1000);
        limiter.setBurst(50);
        for (int window = 0; window < 3; window++) {
            for (int i = 0; i < 50; i++) {
                limiter.process(exchange());
            }
            assertThatThrownBy(() -> limiter.process(exchange())).as("call 51 of window %d", window)
                    .isInstanceOf(PolicyRejectedException.class);
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        }
    }
}
