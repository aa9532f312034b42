package io.unikernal.etl.parquet;

import io.unikernal.etl.format.SequentialSource;
import io.unikernal.etl.format.Spool;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet: read a row group at a time (the reader holds one row group's column chunks, not the file), written with
 * row groups of {@value #ROW_GROUP_BYTES} bytes by default (option {@code rowGroupBytes}) and Snappy (option
 * {@code compression}: {@code snappy}, {@code zstd}, {@code gzip}, {@code uncompressed}). Flat columns only.
 */
public final class ParquetFormat implements RecordFormat {

    /** Small enough that a writer's buffered row group stays far below a 128 MB heap. */
    public static final int ROW_GROUP_BYTES = 8 * 1024 * 1024;

    public static final io.unikernal.udl.spec.Option<String> COMPRESSION = io.unikernal.udl.spec.Option
            .string("compression").allowed("snappy", "zstd", "gzip", "uncompressed")
            .description("parquet, when written: the codec of its pages (default snappy).").example("zstd");
    public static final io.unikernal.udl.spec.Option<Long> ROW_GROUP = io.unikernal.udl.spec.Option
            .longInteger("rowGroupBytes")
            .description("parquet, when written: the bytes of a row group, which writer and reader hold in memory"
                    + " (default 8388608).").example("16777216");

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String description() {
        return "Apache Parquet: flat columns, read a row group at a time with their types; written with Snappy";
    }

    @Override
    public List<io.unikernal.udl.spec.UdlKey> keys() {
        return List.of(COMPRESSION.key(), ROW_GROUP.key());
    }

    @Override
    public List<String> extensions() {
        return List.of(".parquet");
    }

    @Override
    public RecordSource reader(InputStream in, String where, Map<String, Object> options) throws IOException {
        Spool spool = Spool.of(in, options);
        try {
            ParquetFileReader file = ParquetFileReader.open(new LocalInputFile(spool.file()));
            try {
                MessageType schema = file.getFooter().getFileMetaData().getSchema();
                return new Reader(file, schema, ParquetTypes.fields(schema, where), spool, where);
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            spool.close();
            if (e.getMessage() != null && e.getMessage().startsWith(where + ":")) {
                throw e;
            }
            // a truncated file, a missing footer, bytes that are no Parquet
            throw new IOException(where + ": no Parquet file (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public RecordWriter writer(OutputStream out, List<Field> fields, Map<String, Object> options) throws IOException {
        long rowGroup = options.get("rowGroupBytes") instanceof Number n ? n.longValue() : ROW_GROUP_BYTES;
        String codec = String.valueOf(options.getOrDefault("compression", "snappy"));
        ParquetWriter<Object[]> writer = new Builder(new StreamOutputFile(out), new RowWriteSupport(fields))
                .withRowGroupSize(rowGroup)
                .withCompressionCodec(CompressionCodecName.valueOf(codec.toUpperCase(java.util.Locale.ROOT)))
                .build();
        return new RecordWriter() {
            @Override
            public void write(Object[] values) throws IOException {
                try {
                    writer.write(values);
                } catch (ClassCastException | IllegalArgumentException | ArithmeticException e) {
                    throw new IOException("a value that does not fit its Parquet column: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return support;
        }
    }

    private static final class Reader extends SequentialSource {
        private final ParquetFileReader file;
        private final MessageColumnIO columns;
        private final RowConverter converter;
        private final List<Field> fields;
        private final Spool spool;
        private final long size;
        private RecordReader<Object[]> rows;
        private long left;

        Reader(ParquetFileReader file, MessageType schema, List<Field> fields, Spool spool, String where)
                throws IOException {
            super(where);
            this.file = file;
            this.columns = new ColumnIOFactory().getColumnIO(schema);
            this.converter = new RowConverter(schema);
            this.fields = fields;
            this.spool = spool;
            this.size = java.nio.file.Files.size(spool.file());
        }

        @Override
        public List<Field> fields() {
            return fields;
        }

        @Override
        protected SourceRecord read() throws IOException {
            while (left == 0) {
                PageReadStore group = file.readNextRowGroup();
                if (group == null) {
                    return null;
                }
                left = group.getRowCount();
                rows = columns.getRecordReader(group, converter);
            }
            left--;
            String at = where() + " [" + records() + "]";
            Object[] row;
            try {
                row = rows.read();
            } catch (RuntimeException e) {
                throw new IOException(at + ": the row cannot be decoded (" + e.getMessage() + ")", e);
            }
            return converter.problem() != null ? SourceRecord.bad(converter.problem(), java.util.Arrays.asList(row), at)
                    : SourceRecord.of(row, at);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public String describe() {
            return "parquet " + where();
        }

        @Override
        public void close() throws IOException {
            try {
                file.close();
            } finally {
                spool.close();
            }
        }
    }
}
