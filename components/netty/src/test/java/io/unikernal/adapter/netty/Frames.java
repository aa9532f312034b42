package io.unikernal.adapter.netty;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames as a plain java.net peer writes and reads them, written here by hand (not with Netty), so the tests check
 * the adapter against the wire format itself: lines, a big-endian length prefix of 1, 2 or 4 bytes, fixed lengths.
 */
record Frames(String framing, int lengthBytes, int frameLength) {

    static final Frames LINES = new Frames("line", 0, 0);

    static Frames lengthPrefixed(int lengthBytes) {
        return new Frames("length-prefixed", lengthBytes, 0);
    }

    static Frames fixed(int frameLength) {
        return new Frames("fixed", 0, frameLength);
    }

    /** The system options that declare this framing, as YAML flow-map entries (with a leading ", "). */
    String options() {
        return switch (framing) {
            case "line" -> "";
            case "length-prefixed" -> ", framing: length-prefixed, lengthFieldBytes: " + lengthBytes;
            default -> ", framing: fixed, frameLength: " + frameLength;
        };
    }

    void write(OutputStream out, byte[] frame) throws IOException {
        switch (framing) {
            case "line" -> {
                out.write(frame);
                out.write('\n');
            }
            case "length-prefixed" -> {
                for (int i = lengthBytes - 1; i >= 0; i--) {
                    out.write((frame.length >>> (8 * i)) & 0xff);
                }
                out.write(frame);
            }
            default -> out.write(frame);
        }
        out.flush();
    }

    void write(OutputStream out, String frame) throws IOException {
        write(out, frame.getBytes(StandardCharsets.UTF_8));
    }

    /** The next frame, or null at the end of the stream. */
    byte[] read(InputStream in) throws IOException {
        switch (framing) {
            case "line": {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                for (int b = in.read(); b != '\n'; b = in.read()) {
                    if (b < 0) {
                        return line.size() == 0 ? null : line.toByteArray();
                    }
                    line.write(b);
                }
                return line.toByteArray();
            }
            case "length-prefixed": {
                int length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    int b = in.read();
                    if (b < 0) {
                        return null;
                    }
                    length = (length << 8) | b;
                }
                return readFully(in, length);
            }
            default:
                return readFully(in, frameLength);
        }
    }

    String readText(InputStream in) throws IOException {
        byte[] frame = read(in);
        return frame == null ? null : new String(frame, StandardCharsets.UTF_8);
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        try {
            new DataInputStream(in).readFully(bytes);
        } catch (EOFException e) {
            return null;
        }
        return bytes;
    }
}
