package io.unikernal.etl.csv;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** {@code format: csv}: RFC 4180 text, the first record the header (docs/etl.md, CSV rules). */
public final class CsvFormat implements RecordFormat {

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public List<String> extensions() {
        return List.of(".csv");
    }

    @Override
    public String description() {
        return "CSV (RFC 4180, UTF-8, a header line): fields read as untyped text the target types by its columns";
    }

    @Override
    public RecordSource reader(InputStream in, String where, Map<String, Object> options) throws IOException {
        return new CsvRecords(CsvFile.open(in, where));
    }

    @Override
    public RecordWriter writer(OutputStream out, List<Field> fields, Map<String, Object> options) throws IOException {
        return new CsvWriter(out, fields);
    }
}
