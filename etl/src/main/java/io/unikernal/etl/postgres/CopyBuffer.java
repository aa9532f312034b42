package io.unikernal.etl.postgres;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One batch's rows as COPY CSV data, in memory (bounded by the batch's byte limit): every value quoted, so an empty
 * text stays empty text and only an unquoted empty field — written for SQL NULL — is NULL.
 */
public final class CopyBuffer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final StringBuilder line = new StringBuilder(256);
    private int rows;

    /** Adds a row: its values in the staging table's column order, then its source line. */
    public void add(List<String> values, long sourceLine) {
        line.setLength(0);
        for (String value : values) {
            if (value != null) {
                line.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"') {
                        line.append('"');
                    }
                    line.append(c);
                }
                line.append('"');
            }
            line.append(',');
        }
        line.append(sourceLine).append('\n');
        bytes.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        rows++;
    }

    public int rows() {
        return rows;
    }

    public long size() {
        return bytes.size();
    }

    InputStream data() {
        return new java.io.ByteArrayInputStream(bytes.toByteArray());
    }

    public void clear() {
        bytes.reset();
        rows = 0;
    }
}
