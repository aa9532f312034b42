package io.unikernal.etl.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read one record at a time (RFC 4180 through Jackson's CSV parser: quoted fields with commas, quotes
 * and line breaks), so a file of any size takes one record's memory. UTF-8 only, a leading byte-order mark skipped,
 * bytes that are no UTF-8 refused; the first record is the header; empty lines (and lines of only {@code ""}) are skipped. An unquoted empty field
 * reads as null (no value), a quoted one ({@code ""}) as the empty text. A record's position is the line it starts
 * on.
 */
public final class CsvFile implements Closeable {

    /** The longest field accepted: a runaway quote must not read the whole file into one value. */
    public static final int MAX_FIELD_CHARS = 1024 * 1024;
    private static final char BOM = '\uFEFF';
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD_CHARS).build())
            .build();

    private final String file;
    private final CsvParser parser;
    private final List<String> header;
    private long index;

    private CsvFile(String file, CsvParser parser, List<String> header) {
        this.file = file;
        this.parser = parser;
        this.header = header;
    }

    /** Opens the file and reads its header; an empty file has an empty header and no records. */
    public static CsvFile open(Path file) throws IOException {
        return open(Files.newInputStream(file), file.toString());
    }

    /**
     * Reads {@code stream} (closed with this) as CSV; {@code where} names it in positions and messages
     * ({@code /srv/data/people.csv}).
     */
    public static CsvFile open(InputStream stream, String where) throws IOException {
        InputStream in = new BufferedInputStream(stream, 1 << 16);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        java.io.PushbackReader start = new java.io.PushbackReader(reader, 1);
        int first = start.read();
        if (first != -1 && first != BOM) {
            start.unread(first);
        }
        CsvParser parser = FACTORY.createParser(start);
        // an unquoted empty field is no value (SQL NULL); a quoted one ("") is the empty text
        parser.enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL);
        CsvFile rows = new CsvFile(where, parser, List.of());
        CsvRow header;
        try {
            header = rows.read();
        } catch (IOException | RuntimeException e) {
            rows.close();
            throw e;
        }
        return new CsvFile(where, parser, header == null ? List.of() : header.fields());
    }

    /** The header's column names as written. */
    public List<String> header() {
        return header;
    }

    /** The next record, or null at the end of the file. */
    public CsvRow next() throws IOException {
        CsvRow row = read();
        if (row != null) {
            row = new CsvRow(row.fields(), row.line(), index++);
        }
        return row;
    }

    /** Reads past {@code count} records (a resumed run's checkpoint); false when the file has fewer. */
    public boolean skip(long count) throws IOException {
        for (long i = 0; i < count; i++) {
            if (next() == null) {
                return false;
            }
        }
        return true;
    }

    private CsvRow read() throws IOException {
        long line = -1;
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                List<String> fields = new ArrayList<>();
                line = -1;
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    if (t == null) {
                        throw new CsvFormatException(file, line(), "the file ends inside a record");
                    }
                    if (line < 0) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    fields.add(t == JsonToken.VALUE_NULL ? null : parser.getText());
                }
                // the parser reads an empty line as one absent or empty field (its SKIP_EMPTY_LINES needs a
                // schema); a line of only "" reads the same, so it is skipped too
                if (fields.size() == 1 && (fields.get(0) == null || fields.get(0).isEmpty())) {
                    continue;
                }
                return new CsvRow(java.util.Collections.unmodifiableList(fields), line, -1);
            }
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new CsvFormatException(file, line(), "a field longer than " + MAX_FIELD_CHARS
                    + " characters (a quote never closed?)");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // an unclosed quote is found at the end of the file: name the record it is in when that is known
            long at = line > 0 ? line : e.getLocation() != null ? e.getLocation().getLineNr() : line();
            throw new CsvFormatException(file, at, io.unikernal.runtime.CsvRows.problem(e.getOriginalMessage()));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CsvFormatException(file, line(), "bytes that are no UTF-8 (the file must be UTF-8)");
        }
    }

    private long line() {
        return parser.currentLocation().getLineNr();
    }

    /** What the file is, as positions name it. */
    public String where() {
        return file;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
