package io.unikernal.etl.run;

/** A run that cannot go on, in the user's words (the file and line, the table, what to do); nothing was lost. */
public final class PipelineFailure extends RuntimeException {

    public PipelineFailure(String message) {
        super(message);
    }
}
