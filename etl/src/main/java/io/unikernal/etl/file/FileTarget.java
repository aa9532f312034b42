package io.unikernal.etl.file;

import io.unikernal.etl.format.ValueText;
import io.unikernal.etl.kinds.FileFormats;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The bean a file target compiles to: a directory that receives one part file per batch in a format,
 * {@code part-00000.parquet}, {@code part-00001.parquet}, ... A part is written under a temporary name, forced to
 * disk and renamed; then the checkpoint moves, counting it. Its number is the count of parts the checkpoint had, so a
 * run killed between the rename and the checkpoint writes the same batch under the same name again: replaced, never
 * added twice.
 */
public final class FileTarget implements RecordTarget.Factory {

    private Path directory;
    private String format;
    private String formatOptions;

    @Override
    public RecordTarget create() throws IOException {
        RecordFormat writer = FileFormats.installed(format);
        Files.createDirectories(directory);
        return new Parts(writer, checkpoints(), FileFormats.parseOptions(formatOptions));
    }

    @Override
    public DirectoryCheckpoints checkpoints() {
        return new DirectoryCheckpoints(directory);
    }

    @Override
    public String describe() {
        return "directory " + directory;
    }

    public void setPath(String path) {
        this.directory = Path.of(path).toAbsolutePath().normalize();
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public void setFormatOptions(String formatOptions) {
        this.formatOptions = formatOptions;
    }

    private final class Parts implements RecordTarget {
        private final RecordFormat writer;
        private final DirectoryCheckpoints checkpoints;
        private final java.util.Map<String, Object> options;
        private final List<Object[]> buffer = new ArrayList<>();
        private List<Field> fields;
        private long bytes;

        Parts(RecordFormat writer, DirectoryCheckpoints checkpoints, java.util.Map<String, Object> options) {
            this.writer = writer;
            this.checkpoints = checkpoints;
            this.options = options;
        }

        @Override
        public void open(List<Field> fields) {
            this.fields = fields;
        }

        @Override
        public void add(Object[] values) {
            buffer.add(values.clone());
            for (Object value : values) {
                // the size a text format writes; close enough for binary ones to bound a batch
                bytes += value == null ? 1 : value instanceof String s ? s.length() + 1 : ValueText.of(value).length() + 1;
            }
        }

        @Override
        public int bufferedRecords() {
            return buffer.size();
        }

        @Override
        public long bufferedBytes() {
            return bytes;
        }

        @Override
        public long commit(String name, String expected, String next) throws IOException {
            CheckpointStore store = checkpoints;
            if (!java.util.Objects.equals(store.position(name).orElse(null), expected)) {
                throw new CheckpointMoved(describe() + ": another run moved checkpoint " + name);
            }
            long written = buffer.size();
            long added = 0;
            if (!buffer.isEmpty()) {
                writePart(checkpoints.parts(name));
                added = 1;
            }
            if (!checkpoints.advance(name, expected, next, added)) {
                throw new CheckpointMoved(describe() + ": another run moved checkpoint " + name);
            }
            buffer.clear();
            bytes = 0;
            return written;
        }

        private void writePart(long number) throws IOException {
            String ending = writer.extensions().isEmpty() ? "." + writer.name() : writer.extensions().get(0);
            Path part = directory.resolve(String.format("part-%05d%s", number, ending));
            Path temporary = directory.resolve("." + part.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the channel is closed after force, below
                    }
                };
                try (RecordFormat.RecordWriter records = writer.writer(out, fields, options)) {
                    for (Object[] values : buffer) {
                        records.write(values);
                    }
                }
                channel.force(true);
            }
            Files.move(temporary, part, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public String describe() {
            return FileTarget.this.describe();
        }

        @Override
        public void close() {
            buffer.clear();
        }
    }
}
