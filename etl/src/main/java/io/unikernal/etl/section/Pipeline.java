package io.unikernal.etl.section;

import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.model.SourcePos;

/**
 * One pipeline as written, with the positions its checks point at.
 *
 * @param source the {@code source:} map as written (its kind reads its own keys)
 * @param target the {@code target:} map as written
 * @param transform the {@code transform:} list as written, or null
 * @param rejectPath the reject file as written, or null for the default
 */
public record Pipeline(String name, String schedule, SourcePos schedulePos, boolean stream, boolean backfill,
        StepInput source, StepInput transform, StepInput target, int batchRows, int batchBytes,
        java.time.Duration batchTime, String rejectPath, long rejectThreshold, SourcePos pos, StepInput input) {

    /** How its runner reads the source. */
    public String mode() {
        return stream ? backfill ? "hybrid" : "stream" : "batch";
    }

    /** The route that runs it; on demand, also the name of its direct: endpoint. */
    public String routeId() {
        return "pipeline-" + name;
    }
}
