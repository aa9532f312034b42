package io.unikernal.adapter.netty;

import java.util.Locale;

/** How a TCP byte stream is cut into messages: declared once per system with {@code framing}. */
enum Framing {
    /** A line ends at '\n' (a '\r' before it is dropped): Netty's {@code LineBasedFrameDecoder}. */
    LINE("line"),
    /**
     * Each frame starts with its length (1, 2 or 4 bytes, big-endian, not counting itself): Netty's
     * {@code LengthFieldBasedFrameDecoder} and {@code LengthFieldPrepender}.
     */
    LENGTH_PREFIXED("length-prefixed"),
    /** Every frame has the same number of bytes: Netty's {@code FixedLengthFrameDecoder}. */
    FIXED("fixed");

    private final String word;

    Framing(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    static String[] words() {
        Framing[] all = values();
        String[] words = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            words[i] = all[i].word;
        }
        return words;
    }

    static Framing of(String word) {
        Framing framing = find(word);
        if (framing != null) {
            return framing;
        }
        throw new IllegalArgumentException("unknown framing '" + word + "': one of line, length-prefixed, fixed");
    }

    /** The framing of this name, or null (a value the option's declaration reports already). */
    static Framing find(String word) {
        for (Framing framing : values()) {
            if (word != null && framing.word.equals(word.toLowerCase(Locale.ROOT))) {
                return framing;
            }
        }
        return null;
    }
}
