package io.unikernal.routing.exec;

import java.nio.ByteBuffer;

/** The output of a batch projection: bodies back to back in a direct buffer, {@code ends[i]} closing body i. */
public record ProjectedBodies(ByteBuffer data, int[] ends) {
    public int size() {
        return ends.length;
    }

    public byte[] body(int i) {
        int s = i == 0 ? 0 : ends[i - 1];
        byte[] out = new byte[ends[i] - s];
        data.get(s, out);
        return out;
    }
}
