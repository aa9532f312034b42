package io.unikernal.etl.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A file or object format (csv, json, jsonl, parquet, xlsx): reads records from a byte stream and writes them, so the
 * file and S3 sources and targets share it. Registered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.unikernal.etl.spi.RecordFormat}); {@code format:} in UDL names it.
 */
public interface RecordFormat {

    /** The name {@code format:} uses: {@code csv}. */
    String name();

    /** File name endings it is guessed from when {@code format:} is absent: {@code .csv}. */
    List<String> extensions();

    /** One sentence for the reference: what it reads and writes. */
    default String description() {
        return name();
    }

    /**
     * Its own UDL keys (e.g. {@code delimiter}, {@code sheet}), declared once here: they are keys of a pipeline's
     * {@code source:} and {@code target:} next to {@code format:}, for the kinds that read or write files; the options
     * handed to {@link #reader} and {@link #writer} are those written, by these names.
     */
    default List<io.unikernal.udl.spec.UdlKey> keys() {
        return List.of();
    }

    /**
     * Opens a reader over {@code in}, which is read as a stream (never whole into memory; a format that needs random
     * access, like Parquet, gets a {@link java.nio.channels.SeekableByteChannel} through {@code options}).
     *
     * @param where what the stream is, for positions in messages ({@code data/people.csv})
     * @param options the format's own UDL options (e.g. {@code delimiter}, {@code sheet}), as written
     */
    RecordSource reader(InputStream in, String where, Map<String, Object> options) throws IOException;

    /** Opens a writer of records with these fields onto {@code out}. */
    RecordWriter writer(OutputStream out, List<Field> fields, Map<String, Object> options) throws IOException;

    /** Writes records of one format; closing it finishes the file (a Parquet footer, an xlsx archive). */
    interface RecordWriter extends java.io.Closeable {
        void write(Object[] values) throws IOException;
    }
}
