package io.unikernal.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV text with a header row (RFC 4180, tokenised by Jackson's CSV parser: cells separated by commas, rows by LF or
 * CRLF, a cell in double quotes may hold commas, line breaks and doubled quotes) read into one object per data row:
 * column name → the cell's text, in the header's order. No type is guessed — "007" stays "007" — so a row is never
 * altered on the way in; a schema or a transform ({@code int(qty)}) types it. Blank lines are skipped. The reading is
 * strict, never a best guess: a row with more or fewer cells than the header, text after a closing quote, an unclosed
 * quote, a blank or repeated column name reject the whole text with the line, so no row is dropped or shifted
 * silently. (A quote inside an unquoted cell is kept as the text it is.)
 */
public final class CsvRows {

    private static final CsvFactory CSV = CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private CsvRows() {
    }

    /** The rows of {@code text}; {@code what} names it in a refusal, e.g. "object inbox/a.csv". */
    public static List<Map<String, Object>> read(String text, String what) {
        List<Row> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text, what);
        if (records.isEmpty()) {
            return List.of();
        }
        Row header = records.get(0);
        Set<String> names = new HashSet<>();
        for (String name : header.cells()) {
            if (name.isBlank() || !names.add(name)) {
                throw refused(what, header.line(), name.isBlank() ? "a column without a name in the header"
                        : "the column '" + name + "' twice in the header");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>(records.size() - 1);
        for (Row record : records.subList(1, records.size())) {
            if (record.cells().size() != header.cells().size()) {
                int cells = record.cells().size();
                throw refused(what, record.line(), cells + (cells == 1 ? " cell" : " cells") + ", the header has "
                        + header.cells().size());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < record.cells().size(); i++) {
                row.put(header.cells().get(i), record.cells().get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private record Row(int line, List<String> cells) {
    }

    private static List<Row> records(String text, String what) {
        List<Row> records = new ArrayList<>();
        long rowsEnd = 0; // where the last whole row ended: an unclosed quote is reported at the row it opens in
        try (CsvParser parser = (CsvParser) CSV.createParser(text)) {
            List<String> cells = null;
            int line = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    cells = new ArrayList<>();
                } else if (token == JsonToken.VALUE_STRING && cells != null) {
                    if (cells.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr(); // a row's line is its first cell's
                    }
                    cells.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY && cells != null) {
                    records.add(new Row(line, List.copyOf(cells)));
                    cells = null;
                    rowsEnd = parser.currentLocation().getCharOffset();
                }
            }
        } catch (JsonProcessingException e) {
            String problem = problem(e.getOriginalMessage());
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            if (problem.startsWith("a quoted cell")) {
                line = firstLineAfter(text, rowsEnd);
            }
            throw refused(what, line, problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String reader does not fail
        }
        return records;
    }

    /** The 1-based number of the first non-blank line at or after {@code offset}. */
    private static int firstLineAfter(String text, long offset) {
        int line = 1;
        int i = 0;
        for (; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        for (; i < text.length() && (text.charAt(i) == '\n' || text.charAt(i) == '\r'); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Jackson's words for the two malformations it finds, in ours; never a parser's message to a user. Public for the
     * streamed reader of pipelines (unikernal-etl), which says the same of the same mistakes.
     */
    public static String problem(String parserMessage) {
        String message = parserMessage == null ? "" : parserMessage;
        if (message.startsWith("Missing closing quote")) {
            return "a quoted cell that is not closed";
        }
        if (message.startsWith("Unexpected character")) {
            return "text after a closing quote (quote the whole cell and double the quotes inside it)";
        }
        return "malformed CSV";
    }

    private static MessageRejectedException refused(String what, int line, String problem) {
        String where = (line > 0 ? "line " + line + ": " : "") + problem;
        return new MessageRejectedException(what + " is not valid CSV: " + where, List.of(where));
    }
}
