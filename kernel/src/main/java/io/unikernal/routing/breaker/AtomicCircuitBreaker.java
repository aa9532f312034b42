package io.unikernal.routing.breaker;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java circuit breaker: one 64-bit word updated by CAS holds the state and three 20-bit
 * counters (calls, failures, half-open admissions); the opening time sits in a second word written
 * before the CAS that opens, and read only in OPEN.
 */
public final class AtomicCircuitBreaker implements CircuitBreakerState {
    private static final int BITS = 20;
    private static final long MASK = (1L << BITS) - 1;
    private static final int CALLS = 0;
    private static final int FAILS = BITS;
    private static final int ADMITTED = 2 * BITS;
    private static final int STATE = 3 * BITS;

    private final BreakerConfig config;
    private final AtomicLong word = new AtomicLong(0);
    private final AtomicLong openedAt = new AtomicLong(0);

    public AtomicCircuitBreaker(BreakerConfig config) {
        this.config = config;
    }

    private static int state(long w) {
        return (int) (w >>> STATE);
    }

    private static long field(long w, int shift) {
        return (w >>> shift) & MASK;
    }

    private static long pack(int state, long calls, long fails, long admitted) {
        return ((long) state << STATE) | (admitted << ADMITTED) | (fails << FAILS) | calls;
    }

    @Override
    public boolean tryAcquire(long now) {
        while (true) {
            long w = word.get();
            switch (state(w)) {
                case 0:
                    return true;
                case 1:
                    if (now - openedAt.get() < config.openMicros()) {
                        return false;
                    }
                    if (word.compareAndSet(w, pack(2, 0, 0, 1))) {
                        return true;
                    }
                    break;
                default:
                    if (field(w, ADMITTED) >= config.halfOpenCalls()) {
                        return false;
                    }
                    if (word.compareAndSet(w, w + (1L << ADMITTED))) {
                        return true;
                    }
                    break;
            }
        }
    }

    @Override
    public void onSuccess(long now) {
        record(now, false);
    }

    @Override
    public void onFailure(long now) {
        record(now, true);
    }

    private void record(long now, boolean failed) {
        while (true) {
            long w = word.get();
            long next;
            switch (state(w)) {
                case 0: {
                    long calls = field(w, CALLS) + 1;
                    long fails = field(w, FAILS) + (failed ? 1 : 0);
                    if (calls < config.windowSize()) {
                        next = pack(0, calls, fails, 0);
                    } else if (fails * 100 >= (long) config.failureRatePercent() * calls) {
                        openedAt.set(now);
                        next = pack(1, 0, 0, 0);
                    } else {
                        next = pack(0, 0, 0, 0);
                    }
                    break;
                }
                case 1:
                    return; // a late outcome from before the breaker opened
                default: {
                    if (failed) {
                        openedAt.set(now);
                        next = pack(1, 0, 0, 0);
                    } else {
                        long ok = field(w, CALLS) + 1;
                        next = ok >= config.halfOpenCalls() ? pack(0, 0, 0, 0) : pack(2, ok, 0, field(w, ADMITTED));
                    }
                    break;
                }
            }
            if (word.compareAndSet(w, next)) {
                return;
            }
        }
    }

    @Override
    public BreakerState state() {
        return BreakerState.values()[state(word.get())];
    }
}
