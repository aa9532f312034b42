package io.unikernal.etl.xlsx;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * One sheet's rows, pulled one at a time from its XML ({@code <row r="7"><c r="B7" t="s" s="3"><v>…</v></c>}): each
 * cell's value typed by its cell type and number format — text, a whole number ({@code Long}), another number
 * ({@code BigDecimal}, exactly as stored), a boolean, a date ({@code LocalDate}) or a date with a time
 * ({@code LocalDateTime}). An error cell ({@code #DIV/0!}) is kept as an {@link ErrorCell}.
 */
final class SheetRows implements AutoCloseable {

    /** A row: its 1-based number and its cells by 0-based column (null where empty). */
    record Row(int number, List<Object> cells) {
    }

    /** A cell holding an Excel error value. */
    record ErrorCell(String reference, String error) {
    }

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final XMLStreamReader xml;
    private final InputStream in;
    private final SharedStrings strings;
    private final StylesTable styles;
    private int lastRow;

    SheetRows(InputStream in, SharedStrings strings, StylesTable styles) throws IOException {
        this.in = in;
        this.strings = strings;
        this.styles = styles;
        try {
            this.xml = XML.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new IOException("the sheet is no XML: " + e.getMessage(), e);
        }
    }

    /** The next row with at least one cell, or null at the sheet's end. */
    Row next() throws IOException {
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                    String r = xml.getAttributeValue(null, "r");
                    int number = r == null ? lastRow + 1 : Integer.parseInt(r);
                    lastRow = number;
                    List<Object> cells = readCells();
                    if (cells.stream().anyMatch(c -> c != null)) {
                        return new Row(number, cells);
                    }
                } else if (xml.getEventType() == XMLStreamConstants.END_ELEMENT
                        && xml.getLocalName().equals("sheetData")) {
                    return null;
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw new IOException("the sheet's XML is broken after row " + lastRow + ": " + e.getMessage(), e);
        }
    }

    private List<Object> readCells() throws XMLStreamException, IOException {
        List<Object> cells = new ArrayList<>();
        int column = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
                return cells;
            }
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
                String ref = xml.getAttributeValue(null, "r");
                if (ref != null) {
                    column = new CellReference(ref).getCol();
                }
                String type = xml.getAttributeValue(null, "t");
                String style = xml.getAttributeValue(null, "s");
                Object value = readCell(type, style, ref != null ? ref
                        : CellReference.convertNumToColString(column) + lastRow);
                while (cells.size() <= column) {
                    cells.add(null);
                }
                cells.set(column, value);
                column++;
            }
        }
        return cells;
    }

    private Object readCell(String type, String style, String ref) throws XMLStreamException, IOException {
        String v = null;
        StringBuilder inline = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("c")) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "v" -> v = xml.getElementText();
                    case "t" -> (inline == null ? inline = new StringBuilder() : inline).append(xml.getElementText());
                    case "rPh" -> skip("rPh");
                    default -> { }
                }
            }
        }
        String t = type == null ? "n" : type;
        return switch (t) {
            case "inlineStr" -> inline == null ? null : inline.toString();
            case "s" -> v == null ? null : strings.getItemAt(Integer.parseInt(v.trim())).getString();
            case "str" -> v;
            case "b" -> v == null ? null : "1".equals(v.trim());
            case "e" -> new ErrorCell(ref, v);
            default -> v == null || v.isBlank() ? null : number(v.trim(), style);
        };
    }

    /** Skips a phonetic run (Japanese readings), whose {@code <t>} is no part of the cell's text. */
    private void skip(String element) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private Object number(String v, String style) {
        if (style != null && styles != null) {
            XSSFCellStyle cellStyle = styles.getStyleAt(Integer.parseInt(style));
            if (cellStyle != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString())) {
                double serial = Double.parseDouble(v);
                var at = DateUtil.getLocalDateTime(serial);
                return serial == Math.floor(serial) ? (Object) at.toLocalDate() : at;
            }
        }
        BigDecimal number = new BigDecimal(v);
        if (number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException tooBig) {
                return number;
            }
        }
        return number;
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            in.close();
        }
    }
}
