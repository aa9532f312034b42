package io.unikernal.etl.file;

import io.unikernal.etl.kinds.FileFormats;
import io.unikernal.etl.kinds.PipelineKinds;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The bean a file source compiles to: opens the file through its format, counting the bytes read for progress. */
public final class FileSource implements RecordSource.Factory {

    private Path path;
    private String format;
    private String formatOptions;

    @Override
    public RecordSource create() throws IOException {
        RecordFormat reader = PipelineKinds.installed().format(format).orElseThrow(() -> new PipelineException(
                "format " + format + " is not installed (installed: " + String.join(", ",
                        PipelineKinds.installed().formatNames()) + ")"));
        InputStream in;
        long size;
        try {
            in = Files.newInputStream(path);
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new PipelineException("no such file " + path);
        }
        Counting counting = new Counting(in);
        try {
            return new Counted(reader.reader(counting, path.toString(), FileFormats.parseOptions(formatOptions)),
                    counting, size);
        } catch (IOException | RuntimeException e) {
            counting.close();
            throw e;
        }
    }

    @Override
    public String checkpointName() {
        return "file:" + path;
    }

    @Override
    public String describe() {
        return path.toString();
    }

    public void setPath(String path) {
        this.path = Path.of(path).toAbsolutePath().normalize();
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public void setFormatOptions(String formatOptions) {
        this.formatOptions = formatOptions;
    }

    /** The bytes read from the file so far. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** The format's reader, with the file's size and the bytes read. */
    private record Counted(RecordSource records, Counting in, long size) implements RecordSource {

        @Override
        public List<Field> fields() {
            return records.fields();
        }

        @Override
        public boolean resume(String position) throws IOException {
            return records.resume(position);
        }

        @Override
        public SourceRecord next() throws IOException {
            return records.next();
        }

        @Override
        public String position() {
            return records.position();
        }

        @Override
        public long bytesRead() {
            return in.count;
        }

        @Override
        public String fieldsPosition() {
            return records.fieldsPosition();
        }

        @Override
        public String describe() {
            return records.describe();
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
