package io.unikernal.etl.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A pipeline's checkpoint for one file, as JSON text in the checkpoint store: how many of the file's records are
 * loaded or rejected ({@code records}; a resumed run reads past them), the line after them, the reject file's size
 * then (a resumed run cuts off rejects of a batch that never committed), the file's totals so far, and whether the
 * whole file was read.
 */
public record Position(long records, long line, long rejectsSize, long read, long written, long rejected, boolean done) {

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
            throw new PipelineFailure("the checkpoint is no position this version of Unikernal wrote: " + text);
        }
    }
}
