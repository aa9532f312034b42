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
     * and refuses, with a message that says what to change, what cannot be written without losing or mis-typing data.
     */
    void open(List<Field> fields) throws IOException;

    /** Converts and buffers one record (values in the order of the fields given to {@link #open}). */
    void add(Object[] values) throws BadValue;

    /** Records buffered since the last commit. */
    int bufferedRecords();

    /** Bytes the buffered records take (as the target will send them). */
    long bufferedBytes();

    /**
     * Writes the buffer and moves checkpoint {@code name} from {@code expected} to {@code next} as one unit; returns
     * the records written (an upsert's replaced rows included). Throws {@link CheckpointMoved} when the checkpoint is
     * not at {@code expected} any more (another run of the same pipeline): nothing of the batch is then written.
     */
    long commit(String name, String expected, String next) throws IOException;

    /** The store the target commits checkpoints with (read at the start of a run and by {@code etl status}). */
    CheckpointStore checkpoints();

    /** What it writes, for messages: {@code table people of db}. */
    String describe();

    /** Another run moved the checkpoint: this run stops without writing its batch. */
    final class CheckpointMoved extends IOException {
        public CheckpointMoved(String message) {
            super(message);
        }
    }
}
