package io.unikernal.udl.model;

/**
 * A CEL expression as written in UDL, with where its text starts. {@code columnsExact} is true when the expression
 * is on one line as written (plain or quoted, no escapes), so a character offset into {@code source} is also a
 * column offset from {@code pos}; see {@link #at(int)}.
 */
public record Expr(String source, SourcePos pos, boolean columnsExact) {

    public Expr(String source, SourcePos pos) {
        this(source, pos, false);
    }

    /** The position of the character at {@code offset} of the source, or the expression's start when unknown. */
    public SourcePos at(int offset) {
        if (!columnsExact || offset <= 0 || offset > source.length()) {
            return pos;
        }
        return new SourcePos(pos.file(), pos.line(), pos.column() + source.codePointCount(0, offset));
    }

    @Override
    public String toString() {
        return source;
    }
}
