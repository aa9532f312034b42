package io.unikernal.etl.parquet;

import io.unikernal.etl.format.ValueText;
import io.unikernal.etl.spi.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes one row ({@code Object[]} in the fields' order) as a Parquet record of {@link ParquetTypes#schema}. */
final class RowWriteSupport extends WriteSupport<Object[]> {

    private final List<Field> fields;
    private final MessageType schema;
    private RecordConsumer out;

    RowWriteSupport(List<Field> fields) {
        this.fields = fields;
        this.schema = ParquetTypes.schema(fields);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Object[] values) {
        out.startMessage();
        for (int i = 0; i < fields.size(); i++) {
            Object value = values[i];
            if (value == null) {
                if (!fields.get(i).nullable()) {
                    throw new IllegalArgumentException("field " + fields.get(i).name() + " may not be null");
                }
                continue;
            }
            String name = fields.get(i).name();
            out.startField(name, i);
            add(fields.get(i), value);
            out.endField(name, i);
        }
        out.endMessage();
    }

    private void add(Field field, Object value) {
        switch (field.type()) {
            case LONG -> out.addLong(((Number) value).longValue());
            case DOUBLE -> out.addDouble(((Number) value).doubleValue());
            case BOOLEAN -> out.addBoolean((Boolean) value);
            case DATE -> out.addInteger(Math.toIntExact(((LocalDate) value).toEpochDay()));
            case LOCAL_TIMESTAMP -> out.addLong(micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
            case TIMESTAMP -> out.addLong(micros((Instant) value));
            case BYTES -> out.addBinary(Binary.fromReusedByteArray((byte[]) value));
            case DECIMAL -> out.addBinary(Binary.fromString(value instanceof BigDecimal d ? d.toPlainString()
                    : ValueText.of(value)));
            case TEXT, STRING, JSON -> out.addBinary(Binary.fromString(ValueText.of(value)));
        }
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }
}
