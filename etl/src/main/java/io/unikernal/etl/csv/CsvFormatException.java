package io.unikernal.etl.csv;

import java.io.IOException;
import java.nio.file.Path;

/** The file is no CSV past some point (an unclosed quote, bytes that are no UTF-8): where, and what. */
public final class CsvFormatException extends IOException {

    private final long line;

    public CsvFormatException(Path file, long line, String problem) {
        this(file.toString(), line, problem);
    }

    public CsvFormatException(String where, long line, String problem) {
        super(where + ":" + line + ": " + problem);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
