package io.unikernal.etl.spi;

import java.util.List;

/**
 * The {@code transform:} steps of a pipeline, between its source and its target, as one bean: told the source's
 * fields once per run, it answers the fields it hands on; then it changes each record, drops it (a filter) or rejects
 * it ({@link BadValue}: the record goes to the rejects with that reason).
 */
public interface RecordTransform {

    /** The fields records have after the steps; a step that cannot work on these fields throws. */
    List<Field> open(List<Field> fields) throws PipelineException;

    /** The record after the steps (values in the order of {@link #open}'s answer), or null when it is dropped. */
    Object[] apply(Object[] values) throws BadValue;

    /** No steps. */
    RecordTransform NONE = new RecordTransform() {
        @Override
        public List<Field> open(List<Field> fields) {
            return fields;
        }

        @Override
        public Object[] apply(Object[] values) {
            return values;
        }
    };
}
