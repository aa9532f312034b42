package io.unikernal.udl.error;

import io.unikernal.udl.model.SourcePos;

/**
 * One problem in a UDL file. Rendered as {@code file:line:col: message [UDL-NNN]}, then the hint on its own line
 * when there is one. Warnings do not stop a file from compiling.
 */
public record UdlError(ProblemCode code, SourcePos pos, String message, String hint, Severity severity) {

    public enum Severity { ERROR, WARNING }

    public static UdlError error(ProblemCode code, SourcePos pos, String message, String hint) {
        return new UdlError(code, pos, message, hint, Severity.ERROR);
    }

    public static UdlError warning(ProblemCode code, SourcePos pos, String message, String hint) {
        return new UdlError(code, pos, message, hint, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form {@code file:line:col: message [UDL-NNN]}. */
    public String headline() {
        return pos + ": " + (severity == Severity.WARNING ? "warning: " : "") + message + " [" + code.tag() + "]";
    }

    public String render() {
        return hint == null || hint.isEmpty() ? headline() : headline() + System.lineSeparator() + "    hint: " + hint;
    }

    @Override
    public String toString() {
        return render();
    }
}
