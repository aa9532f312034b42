package io.unikernal.routing.internal;

/** Byte-level text predicates shared by the Java engine's conditions (same algorithms as text.rs). */
public final class Text {
    private Text() {
    }

    /** {@code b[s, s + key.length)} equals {@code key}; the caller checked the length fits. */
    public static boolean regionEquals(byte[] b, int s, byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (b[s + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    public static boolean equalsText(byte[] b, int s, int e, byte[] v) {
        return e - s == v.length && regionEquals(b, s, v);
    }

    public static boolean startsWith(byte[] b, int s, int e, byte[] prefix) {
        return e - s >= prefix.length && regionEquals(b, s, prefix);
    }

    /**
     * Glob over UTF-8 bytes: {@code *} matches any run (also empty), {@code ?} one character (a
     * byte plus its continuation bytes), any other byte itself. Greedy with one backtrack point:
     * linear in practice, never recursive.
     */
    public static boolean glob(byte[] b, int s, int e, byte[] pat) {
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
                if (pc == b[t]) {
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

    private static int nextChar(byte[] b, int t, int e) {
        t++;
        while (t < e && (b[t] & 0xC0) == 0x80) {
            t++;
        }
        return t;
    }

    /** FNV-1a over {@code [s, e)}: the bucket hash of large IN sets (never part of a result). */
    public static int fnv1a(byte[] b, int s, int e) {
        int h = 0x811C9DC5;
        for (int i = s; i < e; i++) {
            h ^= b[i] & 0xff;
            h *= 0x01000193;
        }
        return h;
    }

    public static int fnv1a(byte[] v) {
        return fnv1a(v, 0, v.length);
    }
}
