package io.unikernal.etl.csv;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV file's records as a {@link RecordSource}: the header's names as text fields, each record's fields as
 * {@code String}s (null for an unquoted empty field). A record with another number of fields than the header is a
 * bad record. The position is the records consumed and the line after them: {@code line 25002 (25000 records)}.
 */
final class CsvRecords implements RecordSource {

    private static final Pattern POSITION = Pattern.compile("line (\\d+) \\((\\d+) records\\)");

    private final CsvFile csv;
    private final List<Field> fields;
    private long records;
    private long line = 1;

    CsvRecords(CsvFile csv) throws PipelineException {
        this.csv = csv;
        for (String name : csv.header()) {
            if (name == null || name.isBlank()) {
                throw new CsvFormatException(csv.where(), 1, "the header has a column without a name");
            }
        }
        this.fields = csv.header().stream().map(Field::text).toList();
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    @Override
    public boolean resume(String position) throws IOException {
        if (position == null) {
            return true;
        }
        Matcher m = POSITION.matcher(position);
        if (!m.matches()) {
            throw new PipelineException(csv.where() + ": the checkpoint '" + position + "' is no CSV position"
                    + " (line L (N records)); remove the pipeline's checkpoint to read the file anew");
        }
        long count = Long.parseLong(m.group(2));
        for (long i = 0; i < count; i++) {
            if (next() == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public SourceRecord next() throws IOException {
        CsvRow row = csv.next();
        if (row == null) {
            return null;
        }
        records++;
        line = row.line() + 1;
        String where = csv.where() + ":" + row.line();
        if (row.fields().size() != fields.size()) {
            return SourceRecord.bad("the row has " + row.fields().size() + " fields, the header " + fields.size(),
                    row.fields(), where);
        }
        return new SourceRecord(row.fields().toArray(), where, null, row.fields());
    }

    @Override
    public String position() {
        return "line " + line + " (" + records + " records)";
    }

    @Override
    public String fieldsPosition() {
        return csv.where() + ":1";
    }

    @Override
    public String describe() {
        return csv.where();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
