package io.unikernal.udl.model;

/** A CEL expression as written in UDL, with where it was written. */
public record Expr(String source, SourcePos pos) {
    @Override
    public String toString() {
        return source;
    }
}
