package io.unikernal.etl.csv;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.unikernal.etl.format.CountingInput;
import io.unikernal.etl.format.SequentialSource;
import io.unikernal.etl.format.ValueText;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * CSV (RFC 4180, UTF-8, a header line), read by {@link CsvFile} and written by Jackson's CSV generator: every field
 * of type text from the reader (the target types it), any typed value written in its canonical text
 * ({@link ValueText}). Null is an unquoted empty field, the empty text {@code ""}, so a written file reads back the
 * same.
 */
public final class CsvFormat implements RecordFormat {

    private static final CsvFactory FACTORY = new CsvFactory();

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public List<String> extensions() {
        return List.of(".csv");
    }

    @Override
    public RecordSource reader(InputStream in, String where, Map<String, Object> options) throws IOException {
        CountingInput counted = new CountingInput(in);
        return new Reader(CsvFile.open(counted, where), counted, where);
    }

    @Override
    public RecordWriter writer(OutputStream out, List<Field> fields, Map<String, Object> options) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setNullValue("");
        fields.forEach(f -> schema.addColumn(f.name()));
        CsvGenerator generator = FACTORY.createGenerator(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        generator.enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS);
        generator.setSchema(schema.build());
        return new RecordWriter() {
            @Override
            public void write(Object[] values) throws IOException {
                generator.writeStartArray();
                for (Object value : values) {
                    if (value == null) {
                        generator.writeNull();
                    } else {
                        generator.writeString(ValueText.of(value));
                    }
                }
                generator.writeEndArray();
            }

            @Override
            public void close() throws IOException {
                generator.close();
            }
        };
    }

    private static final class Reader extends SequentialSource {
        private final CsvFile csv;
        private final CountingInput counted;
        private final List<Field> fields;

        Reader(CsvFile csv, CountingInput counted, String where) {
            super(where);
            this.csv = csv;
            this.counted = counted;
            this.fields = csv.header().stream().map(Field::text).toList();
        }

        @Override
        public List<Field> fields() {
            return fields;
        }

        @Override
        protected SourceRecord read() throws IOException {
            CsvRow row = csv.next();
            if (row == null) {
                return null;
            }
            String at = where() + ":" + row.line();
            if (row.fields().size() != fields.size()) {
                return SourceRecord.bad("the row has " + row.fields().size() + " fields, the header "
                        + fields.size(), row.fields(), at);
            }
            return SourceRecord.of(row.fields().toArray(), at);
        }

        @Override
        public long bytesRead() {
            return counted.count();
        }

        @Override
        public String describe() {
            return "csv " + where();
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }
}
