package io.unikernal.etl.format;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes whole (small) test files through a format's reader and writer. */
public final class FormatFiles {

    private FormatFiles() {
    }

    /** What a reader yielded: its fields and every record, good and bad. */
    public record Read(List<Field> fields, List<SourceRecord> records) {
        public List<SourceRecord> good() {
            return records.stream().filter(r -> !r.isBad()).toList();
        }

        public List<SourceRecord> bad() {
            return records.stream().filter(SourceRecord::isBad).toList();
        }
    }

    public static Read read(RecordFormat format, Path file) throws IOException {
        return read(format, file, null);
    }

    public static Read read(RecordFormat format, Path file, String resumeAt) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                RecordSource source = format.reader(in, file.getFileName().toString(), Map.of())) {
            List<SourceRecord> records = new ArrayList<>();
            if (!source.resume(resumeAt)) {
                throw new IOException("cannot resume at " + resumeAt);
            }
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                records.add(r);
            }
            return new Read(source.fields(), records);
        }
    }

    /** The position after reading {@code count} records. */
    public static String positionAfter(RecordFormat format, Path file, int count) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                RecordSource source = format.reader(in, file.getFileName().toString(), Map.of())) {
            for (int i = 0; i < count; i++) {
                source.next();
            }
            return source.position();
        }
    }

    public static void write(RecordFormat format, Path file, List<Field> fields, List<Object[]> rows)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                RecordFormat.RecordWriter writer = format.writer(out, fields, Map.of())) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
    }

    public static List<List<Object>> values(List<SourceRecord> records) {
        return records.stream().map(r -> java.util.Arrays.asList(r.values())).toList();
    }
}
