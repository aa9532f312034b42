package io.unikernal.etl.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A pipeline's checkpoint, as JSON text in the checkpoint store: where the source stands after the records committed
 * ({@code source}, the source's own text, e.g. {@code line 25002 (25000 records)}), the reject file's size then (a
 * resumed run cuts off rejects of a batch that never committed), the totals so far (records read, written, rejected,
 * dropped by a filter), and whether a bounded source was read to its end. When the transform steps held records
 * at the commit (event-time windows, {@code RecordTransform.replays()}): {@code replayFrom}, where the oldest of them
 * was read, {@code replay}, how many records from there up to {@code source} a resumed run reads again only to
 * rebuild the steps' state, and {@code steps}, what the steps saved; otherwise these are null, 0, null.
 */
public record Position(String source, long rejectsSize, long read, long written, long rejected, long dropped,
        boolean done, @JsonInclude(Include.NON_NULL) String replayFrom, @JsonInclude(Include.NON_DEFAULT) long replay,
        @JsonInclude(Include.NON_NULL) String steps) {

    public Position(String source, long rejectsSize, long read, long written, long rejected, long dropped,
            boolean done) {
        this(source, rejectsSize, read, written, rejected, dropped, done, null, 0, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a position is always JSON", e);
        }
    }

    static Position fromJson(String text) {
        try {
            return JSON.readValue(text, Position.class);
        } catch (JsonProcessingException e) {
            throw new PipelineFailure("the checkpoint is no position this version of Unikernal wrote: " + text
                    + "; remove the pipeline's checkpoint to read its source anew");
        }
    }
}
