package io.unikernal.etl.spi;

import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where a pipeline writes: records are converted and buffered, then committed as a batch together with the source's
 * checkpoint, so a run killed anywhere resumes with nothing missing and nothing twice. How the two are made one is the
 * target's: a database writes the batch and advances the checkpoint in one transaction; a file or object target
 * writes the batch as a part under a name derived from the checkpoint (rewritten, not added to, when a run is
 * repeated) and then advances the checkpoint; Kafka writes in a transaction.
 */
public interface RecordTarget extends Closeable {

    /**
     * Decides once per run how the source's fields map to the target (by name; a missing table created when allowed)
     * and refuses, with a {@link PipelineException} that says what to change, what cannot be written without losing
     * or mis-typing data (the runner puts {@link RecordSource#fieldsPosition()} before its message).
     */
    void open(List<Field> fields) throws IOException;

    /** Converts and buffers one record (values in the order of the fields given to {@link #open}). */
    void add(Object[] values) throws BadValue;

    /** Records buffered since the last commit. */
    int bufferedRecords();

    /** Bytes the buffered records take (as the target will send them). */
    long bufferedBytes();

    /**
     * Writes the buffer and moves checkpoint {@code name} from {@code expected} to {@code next} as one unit, then
     * empties the buffer; returns the rows the target changed (for its log: the runner counts the records it handed
     * over). Throws {@link CheckpointMoved} when the checkpoint is not at {@code expected} any more (another run of the
     * same pipeline): nothing of the batch is then written. A batch the target refuses (a constraint it breaks)
     * throws {@link PipelineException} in the target's words, with nothing of it written.
     */
    long commit(String name, String expected, String next) throws IOException;

    /** What it writes, for messages: {@code table people of db}. */
    String describe();

    /**
     * A target as the UDL configured it: the bean a {@code pipelines:} target compiles to (a named bean with text
     * properties and bean references). Opens one {@link RecordTarget} per run.
     */
    interface Factory {

        /** Opens the target (a connection, a file); {@link RecordTarget#open(List)} is called next. */
        RecordTarget create() throws IOException;

        /**
         * The store the target commits checkpoints with: read at the start of a run (before the source is opened)
         * and by {@code etl status}, without opening the target.
         */
        CheckpointStore checkpoints();

        /** What it writes, for messages: {@code table people of db}. */
        String describe();
    }

    /** Another run moved the checkpoint: this run stops without writing its batch. */
    final class CheckpointMoved extends IOException {
        public CheckpointMoved(String message) {
            super(message);
        }
    }
}
