package io.unikernal.routing.internal;

/**
 * A validating, allocation-free JSON scanner over positions of a byte array, plus the helpers
 * the engines share (string decoding, the JSON number grammar). The native engine implements the
 * same algorithm (rust-processor/native/src/json.rs); both must agree byte for byte.
 */
public final class JsonScanner {
    public static final byte MISSING = 0;
    public static final byte STRING = 1;
    public static final byte NUMBER = 2;
    public static final byte TRUE = 3;
    public static final byte FALSE = 4;
    public static final byte NULL = 5;
    public static final byte OBJECT = 6;
    public static final byte ARRAY = 7;
    /** A header value: text, and a number when spelled as a JSON number. */
    public static final byte HEADER = 8;

    public static final int MAX_DEPTH = 64;

    private JsonScanner() {
    }

    /**
     * Scans a body that must be one JSON object (empty = {}), recording the first occurrence of each
     * path of {@code root} into {@code slots}. Returns false when the body is malformed.
     */
    public static boolean scanObjectBody(byte[] b, int s, int e, PathNode root, Slots slots) {
        if (s == e) {
            return true;
        }
        int p = skipWs(b, s, e);
        if (p >= e || b[p] != '{') {
            return false;
        }
        p = value(b, p, e, 0, root, -1, slots);
        if (p < 0) {
            return false;
        }
        return skipWs(b, p, e) == e;
    }

    static int skipWs(byte[] b, int p, int e) {
        while (p < e) {
            byte c = b[p];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            p++;
        }
        return p;
    }

    /** Parses one value at {@code p} (whitespace allowed before); returns the end or -1. */
    private static int value(byte[] b, int p, int e, int depth, PathNode node, int slot, Slots slots) {
        p = skipWs(b, p, e);
        if (p >= e) {
            return -1;
        }
        byte c = b[p];
        int q;
        byte kind;
        switch (c) {
            case '{' -> {
                q = object(b, p, e, depth + 1, node, slots);
                kind = OBJECT;
            }
            case '[' -> {
                q = array(b, p, e, depth + 1, slots);
                kind = ARRAY;
            }
            case '"' -> {
                q = stringEnd(b, p + 1, e);
                if (q >= 0 && slot >= 0 && slots.kind[slot] == MISSING) {
                    slots.setString(slot, b, p + 1, q - 1);
                }
                return q;
            }
            case 't' -> {
                q = literal(b, p, e, TRUE_BYTES);
                kind = TRUE;
            }
            case 'f' -> {
                q = literal(b, p, e, FALSE_BYTES);
                kind = FALSE;
            }
            case 'n' -> {
                q = literal(b, p, e, NULL_BYTES);
                kind = NULL;
            }
            default -> {
                q = numberEnd(b, p, e);
                kind = NUMBER;
            }
        }
        if (q >= 0 && slot >= 0 && slots.kind[slot] == MISSING) {
            slots.set(slot, kind, b, p, q);
        }
        return q;
    }

    private static final byte[] TRUE_BYTES = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE_BYTES = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL_BYTES = {'n', 'u', 'l', 'l'};

    private static int literal(byte[] b, int p, int e, byte[] word) {
        if (e - p < word.length) {
            return -1;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[p + i] != word[i]) {
                return -1;
            }
        }
        return p + word.length;
    }

    private static int object(byte[] b, int p, int e, int depth, PathNode node, Slots slots) {
        if (depth > MAX_DEPTH) {
            return -1;
        }
        p = skipWs(b, p + 1, e);
        if (p < e && b[p] == '}') {
            return p + 1;
        }
        while (true) {
            if (p >= e || b[p] != '"') {
                return -1;
            }
            int ks = p + 1;
            int ke = stringEnd(b, ks, e);
            if (ke < 0) {
                return -1;
            }
            int child = node == null ? -1 : node.find(b, ks, ke - 1, slots);
            p = skipWs(b, ke, e);
            if (p >= e || b[p] != ':') {
                return -1;
            }
            PathNode sub = child < 0 ? null : node.children[child];
            int slot = child < 0 ? -1 : node.slots[child];
            p = value(b, p + 1, e, depth, sub, slot, slots);
            if (p < 0) {
                return -1;
            }
            p = skipWs(b, p, e);
            if (p >= e) {
                return -1;
            }
            byte c = b[p];
            if (c == '}') {
                return p + 1;
            }
            if (c != ',') {
                return -1;
            }
            p = skipWs(b, p + 1, e);
        }
    }

    private static int array(byte[] b, int p, int e, int depth, Slots slots) {
        if (depth > MAX_DEPTH) {
            return -1;
        }
        p = skipWs(b, p + 1, e);
        if (p < e && b[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = value(b, p, e, depth, null, -1, slots);
            if (p < 0) {
                return -1;
            }
            p = skipWs(b, p, e);
            if (p >= e) {
                return -1;
            }
            byte c = b[p];
            if (c == ']') {
                return p + 1;
            }
            if (c != ',') {
                return -1;
            }
            p++;
        }
    }

    /** {@code p} is just after the opening quote; returns the index after the closing quote, or -1. */
    static int stringEnd(byte[] b, int p, int e) {
        while (p < e) {
            int c = b[p] & 0xff;
            if (c == '"') {
                return p + 1;
            }
            if (c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                if (p + 1 >= e) {
                    return -1;
                }
                int x = b[p + 1];
                if (x == 'u') {
                    if (p + 6 > e) {
                        return -1;
                    }
                    for (int i = 2; i < 6; i++) {
                        if (hex(b[p + i]) < 0) {
                            return -1;
                        }
                    }
                    p += 6;
                    continue;
                }
                if (x != '"' && x != '\\' && x != '/' && x != 'b' && x != 'f' && x != 'n' && x != 'r' && x != 't') {
                    return -1;
                }
                p += 2;
                continue;
            }
            p++;
        }
        return -1;
    }

    static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** True when {@code [s, e)} contains a backslash, i.e. the string's text differs from its bytes. */
    static boolean hasEscape(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes a validated string body {@code [s, e)} (no quotes) into UTF-8; a lone surrogate becomes
     * U+FFFD. Returns the decoded length. {@code out} must hold at least {@code e - s} bytes (decoding
     * never grows: an escape of n bytes yields at most n bytes).
     */
    static int decode(byte[] b, int s, int e, byte[] out) {
        return decode(b, s, e, out, 0);
    }

    /** As {@link #decode(byte[], int, int, byte[])}, writing from {@code at}; returns the decoded length. */
    static int decode(byte[] b, int s, int e, byte[] out, int at) {
        int n = at;
        int p = s;
        while (p < e) {
            byte c = b[p];
            if (c != '\\') {
                out[n++] = c;
                p++;
                continue;
            }
            byte x = b[p + 1];
            if (x != 'u') {
                out[n++] = switch (x) {
                    case 'b' -> (byte) 8;
                    case 'f' -> (byte) 12;
                    case 'n' -> (byte) 10;
                    case 'r' -> (byte) 13;
                    case 't' -> (byte) 9;
                    default -> x; // " \ /
                };
                p += 2;
                continue;
            }
            int cp = hex4(b, p + 2);
            p += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (p + 6 <= e && b[p] == '\\' && b[p + 1] == 'u') {
                    int lo = hex4(b, p + 2);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        p += 6;
                    } else {
                        cp = 0xFFFD;
                    }
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            n = utf8(cp, out, n);
        }
        return n - at;
    }

    private static int hex4(byte[] b, int p) {
        return (hex(b[p]) << 12) | (hex(b[p + 1]) << 8) | (hex(b[p + 2]) << 4) | hex(b[p + 3]);
    }

    private static int utf8(int cp, byte[] out, int n) {
        if (cp < 0x80) {
            out[n++] = (byte) cp;
        } else if (cp < 0x800) {
            out[n++] = (byte) (0xC0 | (cp >> 6));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[n++] = (byte) (0xE0 | (cp >> 12));
            out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            out[n++] = (byte) (0xF0 | (cp >> 18));
            out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        }
        return n;
    }

    /** The end of a JSON number (RFC 8259 grammar) starting at {@code p}, or -1. */
    static int numberEnd(byte[] b, int p, int e) {
        if (p < e && b[p] == '-') {
            p++;
        }
        if (p >= e) {
            return -1;
        }
        byte c = b[p];
        if (c == '0') {
            p++;
        } else if (c >= '1' && c <= '9') {
            p++;
            while (p < e && isDigit(b[p])) {
                p++;
            }
        } else {
            return -1;
        }
        if (p < e && b[p] == '.') {
            p++;
            if (p >= e || !isDigit(b[p])) {
                return -1;
            }
            while (p < e && isDigit(b[p])) {
                p++;
            }
        }
        if (p < e && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < e && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            if (p >= e || !isDigit(b[p])) {
                return -1;
            }
            while (p < e && isDigit(b[p])) {
                p++;
            }
        }
        return p;
    }

    /** True when all of {@code [s, e)} is one JSON number. */
    public static boolean isNumber(byte[] b, int s, int e) {
        return s < e && numberEnd(b, s, e) == e;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * The value of a JSON number {@code [s, e)}, correctly rounded (as Rust's {@code str::parse::<f64>}).
     * Exact fast path (Clinger): at most 15 significant digits and a decimal exponent within ±22;
     * anything else goes through {@link Double#parseDouble}.
     */
    public static double parseNumber(byte[] b, int s, int e) {
        int p = s;
        boolean neg = false;
        if (b[p] == '-') {
            neg = true;
            p++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        boolean leading = true;
        while (p < e && isDigit(b[p])) {
            int d = b[p++] - '0';
            if (leading && d == 0) {
                continue;
            }
            leading = false;
            if (digits < 19) {
                mant = mant * 10 + d;
            }
            digits++;
        }
        if (p < e && b[p] == '.') {
            p++;
            while (p < e && isDigit(b[p])) {
                int d = b[p++] - '0';
                scale--;
                if (leading && d == 0) {
                    continue;
                }
                leading = false;
                if (digits < 19) {
                    mant = mant * 10 + d;
                }
                digits++;
            }
        }
        int exp = 0;
        if (p < e) { // exponent
            p++;
            boolean eneg = false;
            if (b[p] == '+' || b[p] == '-') {
                eneg = b[p] == '-';
                p++;
            }
            while (p < e) {
                if (exp < 100_000) {
                    exp = exp * 10 + (b[p] - '0');
                }
                p++;
            }
            if (eneg) {
                exp = -exp;
            }
        }
        if (digits <= 15) {
            int k = scale + exp;
            double m = (double) mant;
            if (mant == 0) {
                return neg ? -0.0 : 0.0;
            }
            if (k >= 0 && k <= 22) {
                double v = m * POW10[k];
                return neg ? -v : v;
            }
            if (k < 0 && k >= -22) {
                double v = m / POW10[-k];
                return neg ? -v : v;
            }
        }
        return Double.parseDouble(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
