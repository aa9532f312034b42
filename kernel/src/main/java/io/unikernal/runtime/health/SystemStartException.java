package io.unikernal.runtime.health;

import java.util.List;

/**
 * The app cannot start because a system is configured wrong. The message is what the user reads: one line per such
 * system, {@code system db (postgres) cannot start: <cause> — <fix>}, with no Java text; the CLI prints it as is.
 */
public final class SystemStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SystemStartException(List<String> lines) {
        // no stack trace: the line is the whole story, and plain Camel Main prints the exception it gets
        super(String.join("\n", lines), null, false, false);
    }
}
