package io.unikernal.etl.transform;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform.Output;
import java.util.List;

/** One transform step at run time, as {@link io.unikernal.etl.spi.RecordTransform} describes the whole chain. */
interface Step {

    List<Field> open(List<Field> in) throws PipelineException;

    void apply(Object[] values, Output out) throws BadValue, PipelineException;

    default void flush(Output out) throws PipelineException {
    }

    default void tick(Output out) throws PipelineException {
    }

    default boolean idle() {
        return true;
    }

    /** See {@link io.unikernal.etl.spi.RecordTransform#replays()}. */
    default boolean replays() {
        return false;
    }

    default long oldestHeld() {
        return -1;
    }

    default String saved() {
        return null;
    }

    default void restore(String saved) throws PipelineException {
    }

    /** Where a field is in {@code fields}, or -1. */
    static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of a field the step needs, or a problem naming the step and the fields there are. */
    static int require(List<Field> fields, String name, String step) throws PipelineException {
        int index = indexOf(fields, name);
        if (index < 0) {
            throw new PipelineException(step + ": '" + name + "' is no field of the records ("
                    + String.join(", ", fields.stream().map(Field::name).toList()) + ")");
        }
        return index;
    }
}
