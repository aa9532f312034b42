package io.unikernal.etl.csv;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.RecordFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records written as CSV the reader reads back the same: a header of the field names, then one line per record;
 * null is an unquoted empty field, every other value is quoted when it holds a comma, a quote, a line break or is
 * empty (so the empty text stays the empty text). Typed values are written in their canonical text
 * ({@link io.unikernal.etl.format.ValueText}: ISO dates, plain decimals, base64 bytes, JSON trees as JSON).
 */
final class CsvWriter implements RecordFormat.RecordWriter {

    private final Writer out;

    CsvWriter(OutputStream stream, List<Field> fields) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        write(fields.stream().map(Field::name).toArray());
    }

    @Override
    public void write(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (values[i] != null) {
                field(io.unikernal.etl.format.ValueText.of(values[i]));
            }
        }
        out.write('\n');
    }

    private void field(String value) throws IOException {
        boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n'
                || c == '\r');
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
