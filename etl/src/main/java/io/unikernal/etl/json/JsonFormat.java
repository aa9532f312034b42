package io.unikernal.etl.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.unikernal.etl.format.SampledSource;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A JSON file holding one array of objects, read one element at a time by Jackson's streaming parser (the array is
 * never in memory whole) and written the same way. An element that is no object is rejected with its index and line;
 * a syntax error stops the run at its line and column (nothing after it can be trusted).
 */
public final class JsonFormat implements RecordFormat {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String description() {
        return "JSON: one array of objects, streamed an element at a time; fields named and typed by the first 1000 objects";
    }

    @Override
    public List<String> extensions() {
        return List.of(".json");
    }

    @Override
    public RecordSource reader(InputStream in, String where, Map<String, Object> options) throws IOException {
        JsonParser parser = JsonValues.MAPPER.createParser(in);
        try {
            JsonToken first = parser.nextToken();
            if (first != null && first != JsonToken.START_ARRAY) {
                throw new IOException(where + ":" + parser.currentTokenLocation().getLineNr()
                        + ": the file is no JSON array of objects (a file of one object a line is format jsonl)");
            }
            Reader reader = new Reader(parser, where, first == null);
            reader.start();
            return reader;
        } catch (JsonProcessingException e) {
            parser.close();
            throw syntax(where, e);
        } catch (IOException | RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    static IOException syntax(String where, JsonProcessingException e) {
        var at = e.getLocation();
        String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        return new IOException(where + position + ": no JSON here: " + e.getOriginalMessage(), null);
    }

    @Override
    public RecordWriter writer(OutputStream out, List<Field> fields, Map<String, Object> options) throws IOException {
        JsonGenerator generator = JsonValues.MAPPER.createGenerator(out);
        generator.writeStartArray();
        return new RecordWriter() {
            @Override
            public void write(Object[] values) throws IOException {
                generator.writeRaw('\n');
                JsonValues.writeObject(generator, fields, values);
            }

            @Override
            public void close() throws IOException {
                generator.writeRaw('\n');
                generator.writeEndArray();
                generator.writeRaw('\n');
                generator.close();
            }
        };
    }

    private static final class Reader extends SampledSource {
        private final JsonParser parser;
        private boolean ended;
        private long index;

        Reader(JsonParser parser, String where, boolean empty) {
            super(where, FieldType.JSON);
            this.parser = parser;
            this.ended = empty;
        }

        void start() throws IOException {
            sample();
        }

        @Override
        protected Raw readRaw() throws IOException {
            if (ended) {
                return null;
            }
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY || token == null) {
                    ended = true;
                    return null;
                }
                String at = where() + ":" + parser.currentTokenLocation().getLineNr() + " [" + index++ + "]";
                Object value = JsonValues.MAPPER.readValue(parser, Object.class);
                Map<String, Object> object = JsonValues.asObject(value);
                if (object == null) {
                    return Raw.bad("the element is " + JsonValues.kind(value) + ", not an object", value, at);
                }
                return Raw.of(object, at);
            } catch (JsonProcessingException e) {
                throw syntax(where(), e);
            }
        }

        @Override
        public String describe() {
            return "json " + where();
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }
}
