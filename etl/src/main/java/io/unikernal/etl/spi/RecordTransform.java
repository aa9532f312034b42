package io.unikernal.etl.spi;

import java.util.List;

/**
 * The {@code transform:} steps of a pipeline, between its source and its target, as one bean: told the source's
 * fields once per run, it answers the fields it hands on; then for each record it hands on none (a filter), one (a
 * map) or, when it holds state (an aggregate), what that state yields later — at the end of a bounded source
 * ({@link #flush}) or when a window's time is over ({@link #tick}). A record it cannot work on is rejected
 * ({@link BadValue}, with the reason). The runner commits a checkpoint only while the steps are {@link #idle()}: then
 * every record read so far has had its effect on what was handed on, so a resumed run neither loses nor repeats one.
 */
public interface RecordTransform {

    /** The fields records have after the steps; steps that cannot work on these fields throw (with where they are). */
    List<Field> open(List<Field> fields) throws PipelineException;

    /** Hands the record's results to {@code out} (values in the order of {@link #open}'s answer). */
    void apply(Object[] values, Output out) throws BadValue, PipelineException;

    /** The source ended: hand on what the steps hold. */
    default void flush(Output out) throws PipelineException {
    }

    /** Time passed (a stream, also when nothing arrived): hand on the windows whose time is over. */
    default void tick(Output out) throws PipelineException {
    }

    /** True when the steps hold no record that has not had its effect yet. */
    default boolean idle() {
        return true;
    }

    /**
     * True when the steps rebuild what they hold by reading again (event-time windows): the runner may then commit
     * while they hold records, saving with the checkpoint where the {@link #oldestHeld() oldest held} record was
     * read and what {@link #saved()} answers; a resumed run reads again from there, those records only rebuilding
     * the state (not counted, not rejected twice), and the steps do not hand on again what they handed on before.
     */
    default boolean replays() {
        return false;
    }

    /** The {@link Output#mark() mark} of the earliest record whose effect the steps still hold, or -1. */
    default long oldestHeld() {
        return -1;
    }

    /** What a resumed run's steps need to know (e.g. how far windows were handed on), as text; null for nothing. */
    default String saved() {
        return null;
    }

    /** Told, after {@link #open}, what {@link #saved()} answered when the checkpoint resumed from was committed. */
    default void restore(String saved) throws PipelineException {
    }

    /** Where the steps' results go (the target; a result it refuses is rejected there). */
    @FunctionalInterface
    interface Output {
        void accept(Object[] values);

        /** A result a later step refused while state was handed on (no source record is at hand then). */
        default void reject(String reason, Object[] values) {
            throw new IllegalStateException("a transform's result was refused: " + reason);
        }

        /**
         * Remembers where the source stood before the record being worked on (for {@link #replays()} steps, which
         * mark the first record of each window they open) and answers its number in this run; -1 when no record
         * is being worked on or the runner keeps no positions.
         */
        default long mark() {
            return -1;
        }
    }

    /** No steps. */
    RecordTransform NONE = new RecordTransform() {
        @Override
        public List<Field> open(List<Field> fields) {
            return fields;
        }

        @Override
        public void apply(Object[] values, Output out) {
            out.accept(values);
        }
    };
}
