package io.unikernal.etl.spi;

import java.io.IOException;

/**
 * What stops a run, in the user's words (where, what is wrong, what to do), never a Java exception's text: the runner
 * reports the message as is, after the pipeline's name. A source throws it for a place it cannot read past (the
 * records before it are committed first), a target for fields it refuses or a batch the database refuses.
 */
public class PipelineException extends IOException {

    public PipelineException(String message) {
        super(message);
    }
}
