package io.unikernal.etl.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Turns the values parquet-column decodes into one {@code Object[]} per row, typed as {@link ParquetTypes} says. A
 * value that cannot be made one (a string column holding bytes that are no UTF-8) marks the row bad with the reason,
 * and the reader rejects it.
 */
final class RowConverter extends RecordMaterializer<Object[]> {

    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private final Root root;

    RowConverter(MessageType schema) {
        this.root = new Root(schema.getFields());
    }

    @Override
    public Object[] getCurrentRecord() {
        return root.row;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    /** Why the last row could not be read, or null. */
    String problem() {
        return root.problem;
    }

    private static final class Root extends GroupConverter {
        private final Converter[] columns;
        private final int size;
        Object[] row;
        String problem;

        Root(List<Type> fields) {
            size = fields.size();
            columns = new Converter[size];
            for (int i = 0; i < size; i++) {
                columns[i] = new Column(this, i, fields.get(i).asPrimitiveType());
            }
        }

        @Override
        public Converter getConverter(int index) {
            return columns[index];
        }

        @Override
        public void start() {
            row = new Object[size];
            problem = null;
        }

        @Override
        public void end() {
        }
    }

    private static final class Column extends PrimitiveConverter {
        private final Root root;
        private final int index;
        private final PrimitiveType type;
        private final LogicalTypeAnnotation logical;

        Column(Root root, int index, PrimitiveType type) {
            this.root = root;
            this.index = index;
            this.type = type;
            this.logical = type.getLogicalTypeAnnotation();
        }

        private void set(Object value) {
            root.row[index] = value;
        }

        @Override
        public void addBoolean(boolean value) {
            set(value);
        }

        @Override
        public void addInt(int value) {
            if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                set(LocalDate.ofEpochDay(value));
            } else if (logical instanceof DecimalLogicalTypeAnnotation d) {
                set(BigDecimal.valueOf(value, d.getScale()));
            } else if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                set(Integer.toUnsignedLong(value));
            } else {
                set((long) value);
            }
        }

        @Override
        public void addLong(long value) {
            if (logical instanceof DecimalLogicalTypeAnnotation d) {
                set(BigDecimal.valueOf(value, d.getScale()));
            } else if (logical instanceof TimestampLogicalTypeAnnotation t) {
                Instant at = switch (t.getUnit()) {
                    case MILLIS -> Instant.ofEpochMilli(value);
                    case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                            Math.floorMod(value, 1_000_000L) * 1000L);
                    case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
                            Math.floorMod(value, 1_000_000_000L));
                };
                set(t.isAdjustedToUTC() ? at : LocalDateTime.ofInstant(at, ZoneOffset.UTC));
            } else if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()
                    && value < 0) {
                root.problem = "column " + type.getName() + ": the unsigned value " + Long.toUnsignedString(value)
                        + " is beyond a 64-bit signed integer";
            } else {
                set(value);
            }
        }

        @Override
        public void addFloat(float value) {
            // the float's own shortest decimal, not the binary expansion (1.1f is 1.1, not 1.100000023841858)
            set(Double.parseDouble(Float.toString(value)));
        }

        @Override
        public void addDouble(double value) {
            set(value);
        }

        @Override
        public void addBinary(Binary value) {
            if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
                set(int96(value));
            } else if (logical instanceof DecimalLogicalTypeAnnotation d) {
                set(new BigDecimal(new BigInteger(value.getBytes()), d.getScale()));
            } else if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                ByteBuffer b = value.toByteBuffer();
                set(new java.util.UUID(b.getLong(), b.getLong()).toString());
            } else if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                try {
                    CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(value.toByteBuffer());
                    set(logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation ? json(text.toString())
                            : text.toString());
                } catch (CharacterCodingException e) {
                    root.problem = "column " + type.getName() + " holds bytes that are no UTF-8 text";
                }
            } else {
                set(value.getBytes());
            }
        }

        private Object json(String text) {
            try {
                return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readValue(text, Object.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                root.problem = "column " + type.getName() + " holds no JSON: " + e.getOriginalMessage();
                return null;
            }
        }

        /** Impala's and Spark's legacy timestamp: nanoseconds of the day, then the Julian day, little-endian. */
        private static Instant int96(Binary value) {
            ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanos = b.getLong();
            long day = Integer.toUnsignedLong(b.getInt()) - JULIAN_EPOCH_DAY;
            return Instant.ofEpochSecond(day * 86_400L).plusNanos(nanos);
        }
    }
}
