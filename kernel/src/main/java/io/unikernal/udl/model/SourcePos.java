package io.unikernal.udl.model;

/** A place in a UDL file; lines and columns count from 1, as editors show them. */
public record SourcePos(String file, int line, int column) {

    public static final SourcePos UNKNOWN = new SourcePos("<unknown>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
