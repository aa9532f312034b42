package io.unikernal.adapter.netty;

import java.util.Locale;

/** What a frame's bytes are to a route: declared once per system with {@code format}. */
enum BodyFormat {
    /** JSON text in the system's charset: parsed into the UDM payload, written back as JSON. */
    JSON("json"),
    /** Text in the system's charset: the payload is a string. */
    TEXT("text"),
    /** Bytes as they came: the payload is a byte array. */
    BYTES("bytes");

    private final String word;

    BodyFormat(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    static String[] words() {
        return new String[] {JSON.word, TEXT.word, BYTES.word};
    }

    static BodyFormat of(String word) {
        for (BodyFormat format : values()) {
            if (format.word.equals(word.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + word + "': one of json, text, bytes");
    }
}
