package io.unikernal.etl.section;

import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.model.SourcePos;

/**
 * One pipeline as written, with the positions its checks point at.
 *
 * @param source the {@code source:} map as written (its kind reads its own keys)
 * @param target the {@code target:} map as written
 * @param rejectPath the reject file as written, or null for the default
 */
public record Pipeline(String name, String schedule, SourcePos schedulePos, StepInput source, StepInput target,
        int batchRows, int batchBytes, String rejectPath, long rejectThreshold, SourcePos pos) {

    /** The route that runs it; on demand, also the name of its direct: endpoint. */
    public String routeId() {
        return "pipeline-" + name;
    }
}
