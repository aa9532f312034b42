package io.unikernal.compile;

/**
 * A failure inside the compiler or an adapter while compiling a document the checks accepted: a defect of Unikernal,
 * never of the UDL file (every user error is a {@link io.unikernal.udl.error.UdlError} found before compiling).
 * {@link #where()} names the part being compiled; the cause holds the Java detail, which is for the bug report, not
 * for the user's terminal.
 */
public final class CompilerDefect extends RuntimeException {

    private final String where;

    CompilerDefect(String where, Throwable cause) {
        super("internal error while compiling " + where, cause);
        this.where = where;
    }

    /** The part of the document being compiled, e.g. {@code route 'ingest' (orders.udl.yaml:12:5)}. */
    public String where() {
        return where;
    }
}
