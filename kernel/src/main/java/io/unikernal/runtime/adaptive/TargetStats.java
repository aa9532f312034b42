package io.unikernal.runtime.adaptive;

/**
 * The measured state of one target of an adaptive route step: moving averages (EWMA) of its latency and error rate,
 * and whether it is out. Thread-safe; every update is a short synchronized section, far cheaper than the call it
 * records.
 */
public final class TargetStats {

    private final String name;
    private final double smoothing;
    private final int downAfter;
    private final long probeAfterNanos;

    private double latencyNanos = Double.NaN;
    private double errorRate;
    private int failuresInARow;
    private long downUntil;
    private boolean down;
    private boolean probing;
    private long calls;
    private long failures;

    /**
     * @param smoothing       the weight of the newest call in the averages, 0 < smoothing <= 1
     * @param downAfter       failures in a row that take the target out
     * @param probeAfterNanos how long a target that is out rests before one call tries it again
     */
    public TargetStats(String name, double smoothing, int downAfter, long probeAfterNanos) {
        if (!(smoothing > 0 && smoothing <= 1) || downAfter < 1 || probeAfterNanos < 0) {
            throw new IllegalArgumentException("smoothing must be in (0, 1], downAfter >= 1, probeAfter >= 0");
        }
        this.name = name;
        this.smoothing = smoothing;
        this.downAfter = downAfter;
        this.probeAfterNanos = probeAfterNanos;
    }

    public String name() {
        return name;
    }

    public synchronized void success(long latency) {
        calls++;
        latencyNanos = Double.isNaN(latencyNanos) ? latency : latencyNanos + smoothing * (latency - latencyNanos);
        errorRate -= smoothing * errorRate;
        failuresInARow = 0;
        down = false;
        probing = false;
    }

    /** A failed call; {@code refused} when the target's breaker refused it (it is out at once). */
    public synchronized void failure(long now, boolean refused) {
        calls++;
        failures++;
        errorRate += smoothing * (1 - errorRate);
        failuresInARow++;
        probing = false;
        if (refused || failuresInARow >= downAfter) {
            down = true;
            downUntil = now + probeAfterNanos;
        }
    }

    /** True when the target may get a call now: it is up, or it has rested and no probe is under way. */
    public synchronized boolean available(long now) {
        return !down || (!probing && now - downUntil >= 0);
    }

    /** Marks the start of a probe of a target that is out, so only one call at a time tests it. */
    public synchronized void probingStarts() {
        if (down) {
            probing = true;
        }
    }

    public synchronized boolean up() {
        return !down;
    }

    /** The latency average in nanoseconds; NaN before the first successful call. */
    public synchronized double latencyNanos() {
        return latencyNanos;
    }

    public synchronized double errorRate() {
        return errorRate;
    }

    public synchronized long calls() {
        return calls;
    }

    public synchronized long failures() {
        return failures;
    }
}
