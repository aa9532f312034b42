package io.unikernal.routing.internal;

/** Reads the framing of one encoded message (see MessageBatch) and finds header and body regions. */
public final class Framing {
    private Framing() {
    }

    /**
     * Walks the headers of message {@code [ms, me)}, recording the first occurrence of each wanted
     * header name into its slot, and returns the body's start; the body ends at {@code me}.
     *
     * @throws IllegalArgumentException when a length points outside the message
     */
    public static int readHeaders(byte[] b, int ms, int me, byte[][] headerNames, int[] headerSlots, Slots slots) {
        int p = ms;
        int count = readLength(b, p, me);
        p += 4;
        for (int h = 0; h < count; h++) {
            int nameLen = readLength(b, p, me);
            int ns = p + 4;
            if (nameLen > me - ns) {
                throw bad(ms, "header name length " + nameLen);
            }
            p = ns + nameLen;
            int valueLen = readLength(b, p, me);
            int vs = p + 4;
            if (valueLen > me - vs) {
                throw bad(ms, "header value length " + valueLen);
            }
            p = vs + valueLen;
            for (int i = 0; i < headerNames.length; i++) {
                byte[] name = headerNames[i];
                int slot = headerSlots[i];
                if (name.length == nameLen && slots.kind[slot] == JsonScanner.MISSING && Text.regionEquals(b, ns, name)) {
                    slots.set(slot, JsonScanner.HEADER, b, vs, vs + valueLen);
                }
            }
        }
        int bodyLen = readLength(b, p, me);
        p += 4;
        if (bodyLen != me - p) {
            throw bad(ms, "body length " + bodyLen + " (message has " + (me - p) + " bytes left)");
        }
        return p;
    }

    private static int readLength(byte[] b, int p, int me) {
        if (me - p < 4) {
            throw bad(p, "truncated length");
        }
        int v = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
        if (v < 0) {
            throw bad(p, "negative length " + v);
        }
        return v;
    }

    private static IllegalArgumentException bad(int at, String what) {
        return new IllegalArgumentException("malformed message framing at byte " + at + ": " + what);
    }
}
