package io.unikernal.etl.testkinds;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.util.List;

/** The bean of {@link SequenceSourceKind}: records (id LONG, name STRING "n<id>"), position "after <id>". */
public final class SequenceSource implements RecordSource.Factory {

    private long count;

    @Override
    public RecordSource create() {
        return new RecordSource() {
            private long at;

            @Override
            public List<Field> fields() {
                return List.of(new Field("id", FieldType.LONG, false), new Field("name", FieldType.STRING, true));
            }

            @Override
            public boolean resume(String position) {
                at = position == null ? 0 : Long.parseLong(position.substring("after ".length()));
                return at <= count;
            }

            @Override
            public SourceRecord next() {
                if (at >= count) {
                    return null;
                }
                at++;
                return SourceRecord.of(new Object[] {at, "n" + at}, "sequence#" + at);
            }

            @Override
            public String position() {
                return "after " + at;
            }

            @Override
            public String describe() {
                return "sequence of " + count;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String checkpointName() {
        return "sequence:" + count;
    }

    @Override
    public String describe() {
        return "sequence of " + count;
    }

    public void setCount(long count) {
        this.count = count;
    }
}
