package io.unikernal.routing.breaker;

/**
 * Immutable circuit-breaker settings with a validating builder (resilience4j style).
 *
 * <p>Semantics: CLOSED counts calls in a tumbling window of {@code windowSize} outcomes; when the
 * window is full and {@code failures * 100 >= failureRatePercent * calls} it opens, else the counts
 * restart. OPEN rejects until {@code openMicros} have passed since it opened; the next acquire then
 * moves to HALF_OPEN. HALF_OPEN admits {@code halfOpenCalls} trial calls; that many successes close
 * it, any failure re-opens it. Outcomes reported while OPEN are ignored.
 */
public record BreakerConfig(int failureRatePercent, int windowSize, long openMicros, int halfOpenCalls) {
    public static final int DEFAULT_FAILURE_RATE = 50;
    public static final int DEFAULT_WINDOW = 20;
    public static final long DEFAULT_OPEN_MICROS = 60_000_000L;
    public static final int DEFAULT_HALF_OPEN_CALLS = 1;
    /** Counters live in 20-bit fields of one atomic word. */
    public static final int MAX_COUNT = (1 << 20) - 1;

    public BreakerConfig {
        if (failureRatePercent < 1 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failureRatePercent " + failureRatePercent + " must be 1..100");
        }
        if (windowSize < 1 || windowSize > MAX_COUNT) {
            throw new IllegalArgumentException("windowSize " + windowSize + " must be 1.." + MAX_COUNT);
        }
        if (openMicros < 0) {
            throw new IllegalArgumentException("openMicros " + openMicros + " must not be negative");
        }
        if (halfOpenCalls < 1 || halfOpenCalls > MAX_COUNT) {
            throw new IllegalArgumentException("halfOpenCalls " + halfOpenCalls + " must be 1.." + MAX_COUNT);
        }
    }

    public static BreakerConfig ofDefaults() {
        return new BreakerConfig(DEFAULT_FAILURE_RATE, DEFAULT_WINDOW, DEFAULT_OPEN_MICROS, DEFAULT_HALF_OPEN_CALLS);
    }
}
