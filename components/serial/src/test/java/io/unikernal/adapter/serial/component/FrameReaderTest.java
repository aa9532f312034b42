package io.unikernal.adapter.serial.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How bytes are cut into frames, whatever pieces the port delivers them in. */
class FrameReaderTest {

    private final List<String> frames = new ArrayList<>();
    private final List<Long> dropped = new ArrayList<>();

    private FrameReader reader(String framing, int frameLength, int maxFrameSize) {
        return reader(framing, frameLength, 4, maxFrameSize);
    }

    private FrameReader reader(String framing, int frameLength, int lengthFieldBytes, int maxFrameSize) {
        SerialSettings settings = new SerialSettings("/dev/ttyS0", 9600, 8, "1", "none", "none", framing, frameLength,
                lengthFieldBytes, maxFrameSize, "UTF-8");
        return new FrameReader(settings, new FrameReader.Frames() {
            @Override
            public void frame(byte[] frame) {
                frames.add(new String(frame, StandardCharsets.UTF_8));
            }

            @Override
            public void oversize(long length) {
                dropped.add(length);
            }
        });
    }

    /** Feeds {@code text} one byte at a time, the worst a port can do. */
    private static void trickle(FrameReader reader, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            reader.accept(new byte[] {b}, 1);
        }
    }

    @Test
    void linesEndAtNewlinesDropTheirCarriageReturnAndSkipEmptyOnes() {
        FrameReader reader = reader("line", 0, 64);
        byte[] chunk = "one\r\n\n\ntwo\nthr".getBytes(StandardCharsets.UTF_8);
        reader.accept(chunk, chunk.length);
        trickle(reader, "ee\n");
        assertThat(frames).containsExactly("one", "two", "three");
        assertThat(dropped).isEmpty();
    }

    @Test
    void aLineOverMaxFrameSizeIsDroppedWholeAndTheNextIsRead() {
        FrameReader reader = reader("line", 0, 5);
        trickle(reader, "12345\n123456789\nok\n");
        assertThat(frames).containsExactly("12345", "ok");
        assertThat(dropped).containsExactly(9L);
    }

    @Test
    void fixedFramesAreCutByLengthNewlinesIncluded() {
        FrameReader reader = reader("fixed", 4, 64);
        trickle(reader, "ab\ncdefgh12");
        assertThat(frames).containsExactly("ab\nc", "defg");
        reader.reset();
        trickle(reader, "wxyz");
        assertThat(frames).containsExactly("ab\nc", "defg", "wxyz");
    }

    @Test
    void aPartialFrameBeforeTheLineWasLostIsForgotten() {
        FrameReader reader = reader("line", 0, 64);
        trickle(reader, "{\"id\": \"cut");
        reader.reset();
        trickle(reader, "{\"id\": \"whole\"}\n");
        assertThat(frames).containsExactly("{\"id\": \"whole\"}");
    }

    @Test
    void lengthPrefixedFramesAreCutByTheirLengthAndAnOversizeOneIsSkippedByItsLength() {
        FrameReader reader = reader("length-prefixed", 0, 2, 8);
        byte[] stream = {0, 3, 'a', '\n', 'c', 0, 0, 0, 10, '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0, 2, 'o',
            'k'};
        for (byte b : stream) {
            reader.accept(new byte[] {b}, 1);
        }
        assertThat(frames).containsExactly("a\nc", "ok");
        assertThat(dropped).containsExactly(10L);
        frames.clear();
        FrameReader wide = reader("length-prefixed", 0, 4, 1024);
        byte[] one = {0, 0, 1, 0};
        wide.accept(one, one.length);
        byte[] body = "x".repeat(256).getBytes(StandardCharsets.UTF_8);
        wide.accept(body, body.length);
        assertThat(frames).singleElement().asString().hasSize(256);
    }
}
