package io.unikernal.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV text with a header row (RFC 4180: cells separated by commas, rows by LF or CRLF, a cell in double quotes may hold
 * commas, line breaks and doubled quotes) read into one object per data row: column name → the cell's text, in the
 * header's order. No type is guessed — "007" stays "007" — so a row is never altered on the way in; a schema or a
 * transform ({@code int(qty)}) types it. Blank lines are skipped. The reading is strict, never a best guess: a row
 * with more or fewer cells than the header, a quote inside an unquoted cell, text after a closing quote, an unclosed
 * quote, a blank or repeated column name reject the whole text with the line, so no row is dropped or shifted
 * silently.
 */
public final class CsvRows {

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
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inQuotes = false;
        boolean quotedCell = false;
        boolean quotedRow = false;
        int line = 1;
        int rowLine = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            if (c == '"') {
                if (cell.length() > 0 || quotedCell) {
                    throw refused(what, line, "a quote inside an unquoted cell (quote the whole cell and double the"
                            + " quote)");
                }
                inQuotes = true;
                quotedCell = true;
                quotedRow = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                quotedCell = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                if (cells.size() > 1 || !cells.get(0).isEmpty() || quotedRow) {
                    records.add(new Row(rowLine, List.copyOf(cells)));
                }
                cells.clear();
                cell.setLength(0);
                quotedCell = false;
                quotedRow = false;
                line++;
                rowLine = line;
            } else {
                if (quotedCell) {
                    throw refused(what, line, "text after a closing quote");
                }
                cell.append(c);
            }
        }
        if (inQuotes) {
            throw refused(what, rowLine, "a quoted cell that is not closed");
        }
        if (!cells.isEmpty() || cell.length() > 0 || quotedRow) {
            cells.add(cell.toString());
            records.add(new Row(rowLine, List.copyOf(cells)));
        }
        return records;
    }

    private static MessageRejectedException refused(String what, int line, String problem) {
        return new MessageRejectedException(what + " is not valid CSV: line " + line + ": " + problem,
                List.of("line " + line + ": " + problem));
    }
}
