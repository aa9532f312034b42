package io.unikernal.etl.format;

import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file format's reader: records in file order, its checkpoint the number of records read ({@code 25000 records}),
 * resumed by reading past them again (a format has no index to seek by; Parquet could skip row groups, not done).
 */
public abstract class SequentialSource implements RecordSource {

    private static final Pattern RECORDS = Pattern.compile("(\\d+) records");

    private final String where;
    private long records;

    protected SequentialSource(String where) {
        this.where = where;
    }

    /** The next record in the file, or null at its end. */
    protected abstract SourceRecord read() throws IOException;

    @Override
    public final SourceRecord next() throws IOException {
        SourceRecord record = read();
        if (record != null) {
            records++;
        }
        return record;
    }

    @Override
    public final boolean resume(String position) throws IOException {
        if (position == null) {
            return true;
        }
        Matcher m = RECORDS.matcher(position);
        if (!m.matches()) {
            throw new PipelineException(where + ": the checkpoint '" + position + "' is no position of this format"
                    + " (N records); remove the pipeline's checkpoint to read the file anew");
        }
        long target = Long.parseLong(m.group(1));
        while (records < target) {
            if (next() == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public final String position() {
        return records + " records";
    }

    /** Records read so far (the index of the next one, from 0). */
    protected final long records() {
        return records;
    }

    protected final String where() {
        return where;
    }
}
