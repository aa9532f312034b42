package io.unikernal.routing.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** An IN set: a linear scan up to 8 values, an open-addressing table (FNV-1a) above that. */
final class ByteSet {
    private static final int LINEAR_MAX = 8;
    private final byte[][] values;
    private final byte[][] table;
    private final int mask;

    ByteSet(List<String> strings) {
        values = new byte[strings.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
        }
        if (values.length <= LINEAR_MAX) {
            table = null;
            mask = 0;
        } else {
            int cap = Integer.highestOneBit(values.length * 2 - 1) << 1;
            table = new byte[cap][];
            mask = cap - 1;
            for (byte[] v : values) {
                int i = Text.fnv1a(v) & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }

    boolean contains(byte[] b, int s, int e) {
        if (table == null) {
            for (byte[] v : values) {
                if (Text.equalsText(b, s, e, v)) {
                    return true;
                }
            }
            return false;
        }
        int i = Text.fnv1a(b, s, e) & mask;
        while (table[i] != null) {
            if (Text.equalsText(b, s, e, table[i])) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }
}
