package io.unikernal.udl.error;

import io.unikernal.udl.model.SourcePos;

/** Where checks report what they find; collects everything so a user sees all problems of a file at once. */
public interface Problems {

    void add(UdlError error);

    default void error(ProblemCode code, SourcePos pos, String message, String hint) {
        add(UdlError.error(code, pos, message, hint));
    }

    default void warning(ProblemCode code, SourcePos pos, String message, String hint) {
        add(UdlError.warning(code, pos, message, hint));
    }
}
