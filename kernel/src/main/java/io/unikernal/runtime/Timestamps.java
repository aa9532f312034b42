package io.unikernal.runtime;

import java.time.Instant;

/** ISO-8601 timestamps at millisecond precision, formatted once per millisecond however many messages share it. */
final class Timestamps {

    private record Cached(long millis, String text) {
    }

    private static volatile Cached last = new Cached(-1, "");

    private Timestamps() {
    }

    static String now() {
        long millis = System.currentTimeMillis();
        Cached cached = last;
        if (cached.millis() != millis) {
            cached = new Cached(millis, Instant.ofEpochMilli(millis).toString());
            last = cached;
        }
        return cached.text();
    }
}
