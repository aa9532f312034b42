package io.unikernal.etl.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * What a pipeline reads, one record at a time, from a position a checkpoint saved. One run opens one source and reads
 * it on one thread.
 *
 * <p>A bounded source (a file, an object, a table read up to the cursor it had when the run began) returns
 * {@code null} from {@link #next()} at its end. An unbounded one ({@link #unbounded()}: a Kafka topic, a table
 * followed by its cursor) returns {@code null} when nothing arrived within its poll time and is read again; a
 * streaming pipeline commits what it has then.
 */
public interface RecordSource extends Closeable {

    /** The fields of every record, known once the source is open; empty when there is nothing to read. */
    List<Field> fields();

    /**
     * Moves past what a saved {@link #position()} says was read ({@code null}: from the beginning). False when the
     * source no longer has that much (a file replaced by a shorter one): the run then stops and says so. A position
     * this source cannot have written throws {@link PipelineException}.
     */
    boolean resume(String position) throws IOException;

    /**
     * The next record, or {@code null}: the end (bounded), or nothing for now (unbounded). A place the source cannot
     * read past (an unclosed quote, bytes that are no UTF-8) throws {@link PipelineException} saying where: the run
     * commits the records before it and stops.
     */
    SourceRecord next() throws IOException;

    /**
     * Where the source stands after the last record {@link #next()} returned, as text the checkpoint store keeps
     * (the source's own form: a record count and line, offsets per partition, a cursor value) and
     * {@link #resume(String)} understands. {@code etl status} shows it as is, so make it readable: {@code line 25002
     * (25000 records)}.
     */
    String position();

    /** True for a stream: {@link #next()} returning null means "nothing yet", not the end. */
    default boolean unbounded() {
        return false;
    }

    /** Bytes read so far, for the progress bar; -1 when not known. */
    default long bytesRead() {
        return -1;
    }

    /** Bytes in all, for the progress bar's ETA; -1 when not known. */
    default long size() {
        return -1;
    }

    /**
     * Where the fields are named, for a target's refusal of them: {@code data/people.csv:1} (a CSV header). Default:
     * {@link #describe()}.
     */
    default String fieldsPosition() {
        return describe();
    }

    /** What it reads, for messages: {@code /srv/data/people.csv}, {@code topic orders}. */
    String describe();

    /**
     * A source as the UDL configured it: the bean a {@code pipelines:} source compiles to (a named bean with text
     * properties, so the route dumps to Camel YAML). Opens one {@link RecordSource} per run.
     */
    interface Factory {

        /**
         * Opens the source (a file, a connection, a consumer); its {@link RecordSource#fields()} are known then.
         * Throws {@link PipelineException} with the user's words when it cannot ({@code no such file ...}).
         */
        RecordSource create() throws IOException;

        /**
         * Opens the source as a stream ({@code stream: true}): {@link RecordSource#unbounded()}, its
         * {@link RecordSource#next()} waits a short poll time and returns null when nothing came. It resumes from a
         * position {@link #create()} wrote as well: a hybrid pipeline reads the bounded source to its end, commits,
         * and goes on with the stream from that position — the hand-over, with no gap and no overlap, is exactly that
         * position (a cursor value, offsets per partition, a line). Default: this source cannot stream.
         */
        default RecordSource createStream() throws IOException {
            throw new PipelineException(describe() + " cannot be read as a stream");
        }

        /**
         * What is read, as the name of its checkpoint ({@code file:/srv/data/people.csv}, {@code table:people}): two
         * pipelines reading the same thing into the same target share it. The runner hashes a longer name.
         */
        String checkpointName();

        /** What it reads, for messages and {@code etl status}, before it is opened: {@code /srv/data/people.csv}. */
        String describe();
    }
}
