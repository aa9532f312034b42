package io.unikernal.etl.testkinds;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.util.List;

/** The bean of {@link SequenceSourceKind}: records (id LONG, name STRING "n<id>"), position "after <id>". */
public final class SequenceSource implements RecordSource.Factory {

    private long count;
    private long more;

    @Override
    public RecordSource create() {
        return new Sequence(count, false);
    }

    @Override
    public RecordSource createStream() {
        return new Sequence(count + more, true);
    }

    private final class Sequence implements RecordSource {
        private final long last;
        private final boolean stream;
        private long at;

        Sequence(long last, boolean stream) {
            this.last = last;
            this.stream = stream;
        }

        @Override
        public List<Field> fields() {
            return List.of(new Field("id", FieldType.LONG, false), new Field("name", FieldType.STRING, true));
        }

        @Override
        public boolean resume(String position) {
            at = position == null ? 0 : Long.parseLong(position.substring("after ".length()));
            return at <= last;
        }

        @Override
        public SourceRecord next() throws java.io.IOException {
            if (at >= last) {
                if (stream) {
                    pause(20); // a stream's poll: nothing came
                }
                return null;
            }
            if (stream && at >= count) {
                pause(2);
            }
            at++;
            return SourceRecord.of(new Object[] {at, "n" + at}, "sequence#" + at);
        }

        private void pause(long millis) throws java.io.InterruptedIOException {
            try {
                Thread.sleep(millis); // the poll time a real stream's consumer waits for records
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("stopped");
            }
        }

        @Override
        public boolean unbounded() {
            return stream;
        }

        @Override
        public String position() {
            return "after " + at;
        }

        @Override
        public String describe() {
            return "sequence of " + last;
        }

        @Override
        public void close() {
        }
    }

    @Override
    public String checkpointName() {
        return "sequence";
    }

    @Override
    public String describe() {
        return "sequence of " + count;
    }

    public void setCount(long count) {
        this.count = count;
    }

    public void setMore(long more) {
        this.more = more;
    }
}
