package io.unikernal.etl.file;

import io.unikernal.etl.format.CountingInput;
import io.unikernal.etl.format.Spool;
import io.unikernal.etl.kinds.FileFormats;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bean a file source compiles to: opens the file through its format, counting the bytes read for progress. */
public final class FileSource implements RecordSource.Factory {

    private Path path;
    private String format;
    private String formatOptions;

    @Override
    public RecordSource create() throws IOException {
        RecordFormat reader = FileFormats.installed(format);
        InputStream in;
        long size;
        try {
            in = Files.newInputStream(path);
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new PipelineException("no such file " + path);
        }
        CountingInput counting = new CountingInput(in);
        try {
            return new Counted(reader.reader(counting, path.toString(), withChannel(FileFormats.parseOptions(formatOptions))),
                    counting, size);
        } catch (IOException | RuntimeException e) {
            counting.close();
            throw e;
        }
    }

    /** The options plus the file itself, for formats that seek (Parquet, xlsx) instead of reading the stream. */
    private Map<String, Object> withChannel(Map<String, Object> options) {
        Map<String, Object> all = new HashMap<>(options);
        all.put(Spool.CHANNEL, path);
        return all;
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

    /** The format's reader, with the file's size and the bytes read. */
    private record Counted(RecordSource records, CountingInput in, long size) implements RecordSource {

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
            return in.count();
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
