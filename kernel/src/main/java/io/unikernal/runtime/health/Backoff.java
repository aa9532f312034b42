package io.unikernal.runtime.health;

import java.time.Duration;

/** How long to wait before the next check of a system: doubling from {@code initial} to {@code max} while it is down. */
record Backoff(Duration initial, Duration max) {

    Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry back-off " + initial + " to " + max
                    + " must start above zero and not end below its start");
        }
    }

    /** The wait after this many failed checks in a row (at least 1); a system that is up is checked every {@code max}. */
    Duration after(int failures) {
        if (failures <= 0) {
            return max;
        }
        Duration wait = initial;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) < 0 ? wait : max;
    }

    /** {@code after 1 s, doubling to 30 s}. */
    String describe() {
        return "after " + text(initial) + ", doubling to " + text(max);
    }

    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
