package io.unikernal.routing.internal;

/**
 * Per-thread scratch for one message: each field slot's kind and its value's bytes (a region of the
 * message array, or of the decode buffer when a JSON string had escapes). Reused, never allocated
 * per message.
 */
public final class Slots {
    public static final int MAX = 64;

    public final byte[] kind = new byte[MAX];
    public final byte[][] buf = new byte[MAX][];
    public final int[] start = new int[MAX];
    public final int[] end = new int[MAX];
    /** 0 = not parsed yet, 1 = has a number, 2 = has none. */
    final byte[] numState = new byte[MAX];
    final double[] num = new double[MAX];
    /** Projection mode: a string slot keeps its raw token, quotes and escapes included. */
    public boolean rawStrings;

    private byte[] decoded = new byte[256];
    private int decodedUsed;
    private byte[] keyBuffer = new byte[64];
    private byte[] batchCopy = new byte[0];

    public void reset(int slotCount) {
        for (int i = 0; i < slotCount; i++) {
            kind[i] = JsonScanner.MISSING;
            numState[i] = 0;
        }
        decodedUsed = 0;
    }

    void set(int slot, byte k, byte[] b, int s, int e) {
        kind[slot] = k;
        buf[slot] = b;
        start[slot] = s;
        end[slot] = e;
    }

    /** Records a JSON string body {@code [s, e)}; escapes are decoded into the scratch buffer. */
    void setString(int slot, byte[] b, int s, int e) {
        if (rawStrings) {
            set(slot, JsonScanner.STRING, b, s - 1, e + 1);
            return;
        }
        if (!JsonScanner.hasEscape(b, s, e)) {
            set(slot, JsonScanner.STRING, b, s, e);
            return;
        }
        int need = decodedUsed + (e - s);
        if (need > decoded.length) {
            // earlier slots keep pointing at the old array, which stays valid
            decoded = new byte[Math.max(need, decoded.length * 2)];
            decodedUsed = 0;
        }
        int n = JsonScanner.decode(b, s, e, decoded, decodedUsed);
        set(slot, JsonScanner.STRING, decoded, decodedUsed, decodedUsed + n);
        decodedUsed += n;
    }

    byte[] keyBuffer(int len) {
        if (keyBuffer.length < len) {
            keyBuffer = new byte[len];
        }
        return keyBuffer;
    }

    /**
     * The thread's array holding a copy of a batch's direct buffer: one bulk copy per batch, after
     * which the scanner reads a plain {@code byte[]} (bounds checks the JIT can hoist) instead of
     * going through {@code ByteBuffer.get} per byte.
     */
    byte[] batchCopy(int length) {
        if (batchCopy.length < length) {
            batchCopy = new byte[Math.max(length, batchCopy.length * 2)];
        }
        return batchCopy;
    }

    /** True when the slot has text (header, string, number, true, false). */
    public boolean hasText(int slot) {
        byte k = kind[slot];
        return k == JsonScanner.HEADER || (k >= JsonScanner.STRING && k <= JsonScanner.FALSE);
    }
}
