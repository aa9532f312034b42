package io.unikernal.translate.detect;

/** Bytes and header values shown in evidence: printable ASCII as is, the rest escaped, always short. */
final class Printable {

    static final int PREVIEW_BYTES = 48;

    private Printable() {
    }

    /** The first {@link #PREVIEW_BYTES} bytes, quoted, with \r \n \t and \xNN escapes, and their hex. */
    static String preview(byte[] bytes, int length) {
        int shown = Math.min(length, PREVIEW_BYTES);
        StringBuilder text = new StringBuilder("\"");
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            text.append(escaped(b));
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", b));
        }
        text.append('"').append(length > shown ? "..." : "");
        return "first " + shown + " of " + length + " bytes: " + text + " (hex " + hex + ")";
    }

    /** A value cut to 120 characters with control characters escaped, for one evidence line. */
    static String value(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 120; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? escaped(c) : String.valueOf(c));
        }
        return out.length() < value.length() ? out + "..." : out.toString();
    }

    private static String escaped(int b) {
        return switch (b) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b);
        };
    }
}
