package io.unikernal.testkit.server;

import java.io.InputStream;

/**
 * {@code size} bytes of a pattern that is not all one byte (so a part mixed up shows in a hash), generated as read: a
 * large object for a test or benchmark without the memory or disk it would take.
 */
public final class PatternStream extends InputStream {
    private final long size;
    private long position;

    public PatternStream(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        return position < size ? value(position++) : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(length, size - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = (byte) value(position++);
        }
        return n;
    }

    private static int value(long at) {
        return (int) ((at * 31 + (at >>> 20)) & 0xff);
    }
}
