package io.unikernal.etl.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.unikernal.etl.format.SampledSource;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines: one JSON object a line (UTF-8, {@code \n} or {@code \r\n}), read a line at a time. A line that is no
 * JSON, or no object, or longer than {@link #MAX_LINE_CHARS}, is rejected with its line number and the run goes on
 * at the next line; blank lines are skipped.
 */
public final class JsonLinesFormat implements RecordFormat {

    /** The longest line read: a longer one is rejected, not held. */
    public static final int MAX_LINE_CHARS = JsonValues.MAX_STRING_CHARS;

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public String description() {
        return "JSON Lines: one object a line, streamed; a bad line is rejected and the next read; fields named and typed by the first 1000 objects";
    }

    @Override
    public List<String> extensions() {
        return List.of(".jsonl", ".ndjson");
    }

    @Override
    public RecordSource reader(InputStream in, String where, Map<String, Object> options) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        Reader reader = new Reader(lines, where);
        try {
            reader.start();
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    @Override
    public RecordWriter writer(OutputStream out, List<Field> fields, Map<String, Object> options) throws IOException {
        JsonGenerator generator = JsonValues.MAPPER.createGenerator(out);
        generator.setRootValueSeparator(null);
        return new RecordWriter() {
            @Override
            public void write(Object[] values) throws IOException {
                JsonValues.writeObject(generator, fields, values);
                generator.writeRaw('\n');
            }

            @Override
            public void close() throws IOException {
                generator.close();
            }
        };
    }

    private static final class Reader extends SampledSource {
        private final BufferedReader lines;
        private final StringBuilder line = new StringBuilder();
        private long lineNr;

        Reader(BufferedReader lines, String where) {
            super(where, FieldType.JSON);
            this.lines = lines;
        }

        void start() throws IOException {
            sample();
        }

        @Override
        protected Raw readRaw() throws IOException {
            while (true) {
                int length = readLine();
                if (length < 0) {
                    return null;
                }
                String at = where() + ":" + lineNr;
                if (length > MAX_LINE_CHARS) {
                    return Raw.bad("the line is longer than " + MAX_LINE_CHARS + " characters", null, at);
                }
                String text = line.toString();
                if (text.isBlank()) {
                    continue;
                }
                Object value;
                try {
                    value = JsonValues.MAPPER.readValue(text, Object.class);
                } catch (JsonProcessingException e) {
                    return Raw.bad("no JSON: " + e.getOriginalMessage(), text, at);
                }
                Map<String, Object> object = JsonValues.asObject(value);
                if (object == null) {
                    return Raw.bad("the line is " + JsonValues.kind(value) + ", not an object", text, at);
                }
                return Raw.of(object, at);
            }
        }

        /** Reads the next line into {@code line} (at most MAX_LINE_CHARS kept); its length, or -1 at the end. */
        private int readLine() throws IOException {
            line.setLength(0);
            int length = 0;
            int c = lines.read();
            if (c < 0) {
                return -1;
            }
            lineNr++;
            if (lineNr == 1 && c == '\uFEFF') {
                c = lines.read();
            }
            while (c >= 0 && c != '\n') {
                if (length < MAX_LINE_CHARS + 1) {
                    line.append((char) c);
                }
                length++;
                c = lines.read();
            }
            if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
                length--;
            }
            return length;
        }

        @Override
        public String describe() {
            return "jsonl " + where();
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
