package io.unikernal.adapter.serial.component;

import java.util.Arrays;

/**
 * Cuts the bytes a port delivers into frames: lines ended by {@code \n} (a {@code \r} before it is dropped, empty lines
 * are skipped), frames that start with their length ({@code lengthFieldBytes} bytes, big-endian, not counting
 * themselves; an empty one is skipped) or blocks of a fixed length. A line or prefixed frame longer than
 * {@code maxFrameSize} is dropped whole — its bytes are skipped up to its newline, or as many as its length says — and
 * reported, and the next frame is read as usual. Not thread-safe: one reader.
 */
final class FrameReader {

    /** What the reader hands on. */
    interface Frames {
        void frame(byte[] frame);

        /** A line of {@code length} bytes (more than maxFrameSize) was dropped. */
        void oversize(long length);
    }

    private final SerialSettings settings;
    private final Frames frames;
    private byte[] buffer;
    private int size;
    /** Bytes of the oversize line being skipped; -1 while not skipping. */
    private long skipping = -1;
    /** Length-prefixed: bytes of the length field read so far, the length they give, bytes of an oversize frame left. */
    private int headerRead;
    private long announced;
    private long toSkip;

    FrameReader(SerialSettings settings, Frames frames) {
        this.settings = settings;
        this.frames = frames;
        this.buffer = new byte[Math.min(settings.fixed() ? settings.frameLength() : settings.maxFrameSize(), 4096)];
    }

    /** Takes the next {@code n} bytes of {@code data}. */
    void accept(byte[] data, int n) {
        for (int i = 0; i < n; i++) {
            if (settings.lengthPrefixed()) {
                prefixed(data[i]);
            } else if (settings.fixed()) {
                add(data[i]);
                if (size == settings.frameLength()) {
                    emit(size);
                }
            } else if (data[i] == '\n') {
                if (skipping >= 0) {
                    frames.oversize(skipping);
                    skipping = -1;
                } else {
                    int end = size > 0 && buffer[size - 1] == '\r' ? size - 1 : size;
                    if (end > 0) {
                        emit(end);
                    }
                    size = 0;
                }
            } else if (skipping >= 0) {
                skipping++;
            } else if (size == settings.maxFrameSize()) {
                skipping = size + 1L;
                size = 0;
            } else {
                add(data[i]);
            }
        }
    }

    private void prefixed(byte b) {
        if (toSkip > 0) {
            if (--toSkip == 0) {
                frames.oversize(announced);
                headerRead = 0;
            }
            return;
        }
        if (headerRead < settings.lengthFieldBytes()) {
            announced = headerRead == 0 ? (b & 0xff) : (announced << 8) | (b & 0xff);
            if (++headerRead < settings.lengthFieldBytes()) {
                return;
            }
            if (announced == 0) {
                headerRead = 0;
            } else if (announced > settings.maxFrameSize()) {
                toSkip = announced;
            }
            return;
        }
        add(b);
        if (size == announced) {
            headerRead = 0;
            emit(size);
        }
    }

    /** Forgets a partial frame (the port was lost: what follows belongs to another frame). */
    void reset() {
        size = 0;
        skipping = -1;
        headerRead = 0;
        toSkip = 0;
    }

    private void add(byte b) {
        if (size == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, Math.max(settings.maxFrameSize(), 1) + 1));
        }
        buffer[size++] = b;
    }

    private void emit(int length) {
        byte[] frame = Arrays.copyOf(buffer, length);
        size = 0;
        frames.frame(frame);
    }
}
