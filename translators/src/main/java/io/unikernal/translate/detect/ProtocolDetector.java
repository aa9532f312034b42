package io.unikernal.translate.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the protocol of a connection from its first bytes (or of a captured request): HTTP/1.1 REST, gRPC over h2c,
 * SOAP, GraphQL, WebSocket; see {@link RequestClassifier} for the precedence. It looks at no more than
 * {@link #MAX_PREFIX} bytes, and whatever the bytes, it answers; nothing is thrown.
 */
public final class ProtocolDetector {

    /** The most bytes looked at; more are ignored (and said to be). */
    public static final int MAX_PREFIX = 64 * 1024;

    /** Detects from the bytes; only the first {@link #MAX_PREFIX} of them are read. */
    public Detection detect(byte[] bytes) {
        return detectPrefix(bytes, bytes.length);
    }

    /**
     * Detects from the first bytes of a longer stream (e.g. a capture read up to {@link #MAX_PREFIX}) of
     * {@code totalBytes}; the evidence says when not all of them were inspected.
     */
    public Detection detectPrefix(byte[] prefix, long totalBytes) {
        int seen = Math.min(prefix.length, MAX_PREFIX);
        List<String> notes = new ArrayList<>();
        if (Math.max(totalBytes, prefix.length) > seen) {
            notes.add("only the first " + seen + " of " + Math.max(totalBytes, prefix.length)
                    + " bytes were inspected");
        }
        try {
            return withNotes(inspect(prefix, seen), notes);
        } catch (RuntimeException | StackOverflowError e) {
            // a defect in a reader must not end the caller's connection handling: say so, as unknown
            notes.add(Printable.preview(prefix, seen));
            return Detection.unknown(notes, "detection failed on these bytes (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Detection inspect(byte[] bytes, int length) {
        if (length == 0) {
            return Detection.unknown(List.of(), "no bytes at all");
        }
        if (Http2Reader.startsWithPreface(bytes, length)) {
            return classified(Http2Reader.read(bytes, length));
        }
        if (Http2Reader.isCutPreface(bytes, length)) {
            return Detection.unknown(List.of(Printable.preview(bytes, length)),
                    "the beginning of the HTTP/2 connection preface, cut after " + length + " bytes");
        }
        if (length >= 3 && bytes[0] == 0x16 && bytes[1] == 0x03 && (bytes[2] & 0xff) <= 0x04) {
            return Detection.unknown(List.of(Printable.preview(bytes, length)),
                    "a TLS handshake record: detection needs the bytes inside TLS (capture before encryption)");
        }
        return classified(Http1Reader.read(bytes, length));
    }

    private static Detection classified(Reading reading) {
        return reading.request() == null ? Detection.unknown(reading.evidence(), reading.failure())
                : RequestClassifier.classify(reading.request(), reading.evidence());
    }

    private static Detection withNotes(Detection detection, List<String> notes) {
        if (notes.isEmpty()) {
            return detection;
        }
        List<String> evidence = new ArrayList<>(notes);
        evidence.addAll(detection.evidence());
        return new Detection(detection.protocol(), detection.transport(), evidence);
    }
}
