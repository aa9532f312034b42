package io.unikernal.runtime;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Correlation ids: a caller's own, when it has a safe shape, or one drawn here for messages that arrive without
 * one — a random 64-bit prefix drawn once per process, then a counter; unique across processes with overwhelming
 * probability, and cheap on the hot path (a random UUID costs a SecureRandom draw per message).
 */
public final class CorrelationIds {

    /** The longest correlation id a caller may bring. */
    public static final int MAX_LENGTH = 128;
    /**
     * What a caller's id may be made of: letters, digits and {@code . _ : -}, starting with a letter or digit — a
     * UUID or a trace id fits; nothing that could break a log line, a header or a file name does.
     */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");

    private static final String PREFIX = HexFormat.of().formatHex(new SecureRandom().generateSeed(8)) + "-";
    private static final AtomicLong COUNTER = new AtomicLong();

    private CorrelationIds() {
    }

    public static String next() {
        return PREFIX + Long.toHexString(COUNTER.incrementAndGet());
    }

    /** The caller's id when it may be adopted ({@link #isAcceptable}), else a fresh one. */
    public static String adoptOrDraw(Object offered) {
        return isAcceptable(offered) ? (String) offered : next();
    }

    /** True when a caller's correlation id may be adopted as it is. */
    public static boolean isAcceptable(Object id) {
        return id instanceof String s && SAFE.matcher(s).matches();
    }
}
