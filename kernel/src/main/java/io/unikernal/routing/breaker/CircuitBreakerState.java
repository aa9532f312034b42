package io.unikernal.routing.breaker;

/**
 * Lock-free circuit-breaker state with microsecond timing. Time is passed in ({@link #nowMicros()}
 * for the real clock), so tests and the Java/Rust equivalence check control it.
 */
public interface CircuitBreakerState extends AutoCloseable {
    /** May a call go ahead now? Moves OPEN to HALF_OPEN once the open time has passed. */
    boolean tryAcquire(long nowMicros);

    void onSuccess(long nowMicros);

    void onFailure(long nowMicros);

    /** The state as seen at {@code nowMicros}, without moving it. */
    BreakerState state();

    /** A monotonic microsecond clock. */
    static long nowMicros() {
        return System.nanoTime() / 1000;
    }

    @Override
    default void close() {
    }
}
