package io.unikernal.routing.internal;

import java.nio.ByteBuffer;

/** Byte-level text predicates shared by the Java engine's conditions (same algorithms as text.rs). */
public final class Text {
    private Text() {
    }

    /** {@code b[s, s + key.length)} equals {@code key}; the caller checked the length fits. */
    public static boolean regionEquals(ByteBuffer b, int s, byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (b.get(s + i) != key[i]) {
                return false;
            }
        }
        return true;
    }

    public static boolean equalsText(ByteBuffer b, int s, int e, byte[] v) {
        return e - s == v.length && regionEquals(b, s, v);
    }

    public static boolean startsWith(ByteBuffer b, int s, int e, byte[] prefix) {
        return e - s >= prefix.length && regionEquals(b, s, prefix);
    }

    /**
     * Glob over UTF-8 bytes: {@code *} matches any run (also empty), {@code ?} one character (a
     * byte plus its continuation bytes), any other byte itself. Greedy with one backtrack point:
     * linear in practice, never recursive.
     */
    public static boolean glob(ByteBuffer b, int s, int e, byte[] pat) {
        int p = 0;
        int t = s;
        int starP = -1;
        int starT = -1;
        while (t < e) {
            if (p < pat.length) {
                byte pc = pat[p];
                if (pc == '*') {
                    starP = p++;
                    starT = t;
                    continue;
                }
                if (pc == '?') {
                    p++;
                    t = nextChar(b, t, e);
                    continue;
                }
                if (pc == b.get(t)) {
                    p++;
                    t++;
                    continue;
                }
            }
            if (starP >= 0) {
                p = starP + 1;
                starT = nextChar(b, starT, e);
                t = starT;
                continue;
            }
            return false;
        }
        while (p < pat.length && pat[p] == '*') {
            p++;
        }
        return p == pat.length;
    }

    private static int nextChar(ByteBuffer b, int t, int e) {
        t++;
        while (t < e && (b.get(t) & 0xC0) == 0x80) {
            t++;
        }
        return t;
    }

    /** FNV-1a over {@code [s, e)}: the bucket hash of large IN sets (never part of a result). */
    public static int fnv1a(ByteBuffer b, int s, int e) {
        int h = 0x811C9DC5;
        for (int i = s; i < e; i++) {
            h ^= b.get(i) & 0xff;
            h *= 0x01000193;
        }
        return h;
    }

    public static int fnv1a(byte[] v) {
        return fnv1a(ByteBuffer.wrap(v), 0, v.length);
    }
}
