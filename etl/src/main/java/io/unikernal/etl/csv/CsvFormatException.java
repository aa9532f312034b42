package io.unikernal.etl.csv;

import io.unikernal.etl.spi.PipelineException;

/** The file is no CSV past some point (an unclosed quote, bytes that are no UTF-8): where, and what. */
public final class CsvFormatException extends PipelineException {

    private final long line;

    public CsvFormatException(String file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
