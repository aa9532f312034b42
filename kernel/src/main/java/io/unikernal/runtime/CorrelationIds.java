package io.unikernal.runtime;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Correlation ids for messages that arrive without one: a random 64-bit prefix drawn once per process, then a
 * counter — unique across processes with overwhelming probability, and cheap on the hot path (a random UUID costs a
 * SecureRandom draw per message).
 */
public final class CorrelationIds {

    private static final String PREFIX = HexFormat.of().formatHex(new SecureRandom().generateSeed(8)) + "-";
    private static final AtomicLong COUNTER = new AtomicLong();

    private CorrelationIds() {
    }

    public static String next() {
        return PREFIX + Long.toHexString(COUNTER.incrementAndGet());
    }
}
