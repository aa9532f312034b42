package io.unikernal.etl.xlsx;

import io.unikernal.etl.format.SampledSource;
import io.unikernal.etl.format.Spool;
import io.unikernal.etl.format.ValueText;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Excel xlsx. Reading: one sheet (option {@code sheet}, else the first), its first row the header, every later row
 * that has a cell a record, pulled from the sheet's XML a row at a time (the file is opened as a zip on disk, never
 * read whole; the workbook's shared strings are held in memory). Fields are typed by the first records' cells; a row
 * with an error cell or a cell right of the header is rejected as {@code file:Sheet!row}. Writing: POI's SXSSF keeps
 * {@value #WINDOW} rows in memory and spills the rest to a temporary file.
 */
public final class XlsxFormat implements RecordFormat {

    /** The rows SXSSF holds in memory while writing. */
    public static final int WINDOW = 100;
    private static final int MAX_DATA_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
    private static final int MAX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    /** Excel keeps 15 significant digits of a number: a decimal with more is written as text. */
    private static final int EXCEL_DIGITS = 15;

    public static final io.unikernal.udl.spec.Option<String> SHEET = io.unikernal.udl.spec.Option.string("sheet")
            .description("xlsx: the sheet read (absent: the first) or written (absent: Sheet1).").example("People");

    @Override
    public String name() {
        return "xlsx";
    }

    @Override
    public String description() {
        return "Excel xlsx: one sheet, its first row the header, read a row at a time, fields typed by the first"
                + " 1000 rows' cells; written with POI's streaming SXSSF";
    }

    @Override
    public List<io.unikernal.udl.spec.UdlKey> keys() {
        return List.of(SHEET.key());
    }

    @Override
    public List<String> extensions() {
        return List.of(".xlsx");
    }

    @Override
    public RecordSource reader(InputStream in, String where, Map<String, Object> options) throws IOException {
        Spool spool = Spool.of(in, options);
        OPCPackage workbook = null;
        try {
            workbook = OPCPackage.open(spool.file().toFile(), PackageAccess.READ);
            XSSFReader parts = new XSSFReader(workbook);
            XSSFReader.SheetIterator sheets = parts.getSheetIterator();
            Object wanted = options.get("sheet");
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                InputStream sheet = sheets.next();
                String name = sheets.getSheetName();
                if (wanted == null || wanted.toString().equals(name)) {
                    SheetRows rows = new SheetRows(sheet, new ReadOnlySharedStringsTable(workbook),
                            parts.getStylesTable());
                    Reader reader = new Reader(rows, workbook, spool, where, name);
                    reader.start();
                    return reader;
                }
                sheet.close();
                names.add(name);
            }
            throw new IOException(where + ": " + (wanted == null ? "the workbook has no sheet"
                    : "no sheet " + wanted + " (the sheets: " + String.join(", ", names) + ")"));
        } catch (IOException | OpenXML4JException | org.xml.sax.SAXException | RuntimeException e) {
            if (workbook != null) {
                workbook.revert();
            }
            spool.close();
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(where + ":")) {
                throw io;
            }
            throw new IOException(where + ": no xlsx workbook (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public RecordWriter writer(OutputStream out, List<Field> fields, Map<String, Object> options) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true);
        SXSSFSheet sheet = workbook.createSheet(String.valueOf(options.getOrDefault("sheet", "Sheet1")));
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        CellStyle timestamp = workbook.createCellStyle();
        timestamp.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        Row header = sheet.createRow(0);
        for (int i = 0; i < fields.size(); i++) {
            header.createCell(i).setCellValue(fields.get(i).name());
        }
        return new RecordWriter() {
            private int rowIndex = 1;

            @Override
            public void write(Object[] values) throws IOException {
                if (rowIndex > MAX_DATA_ROWS) {
                    throw new IOException("a sheet holds at most " + MAX_DATA_ROWS + " rows below its header");
                }
                Row row = sheet.createRow(rowIndex++);
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) {
                        set(row.createCell(i), values[i], fields.get(i));
                    }
                }
            }

            private void set(Cell cell, Object value, Field field) throws IOException {
                if (value instanceof Long || value instanceof Integer || value instanceof Double) {
                    cell.setCellValue(((Number) value).doubleValue());
                } else if (value instanceof BigDecimal d && d.precision() <= EXCEL_DIGITS) {
                    cell.setCellValue(d.doubleValue());
                } else if (value instanceof Boolean b) {
                    cell.setCellValue(b);
                } else if (value instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(date);
                } else if (value instanceof LocalDateTime t) {
                    cell.setCellValue(t);
                    cell.setCellStyle(timestamp);
                } else if (value instanceof Instant t) {
                    cell.setCellValue(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
                    cell.setCellStyle(timestamp);
                } else {
                    String text = ValueText.of(value);
                    if (text.length() > MAX_CELL_CHARS) {
                        throw new IOException("field " + field.name() + ": " + text.length() + " characters, a cell"
                                + " holds at most " + MAX_CELL_CHARS);
                    }
                    cell.setCellValue(text);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    workbook.write(out);
                    out.flush();
                } finally {
                    workbook.close();
                }
            }
        };
    }

    private static final class Reader extends SampledSource {
        private final SheetRows rows;
        private final OPCPackage workbook;
        private final Spool spool;
        private final String sheet;
        private List<String> header = List.of();

        Reader(SheetRows rows, OPCPackage workbook, Spool spool, String where, String sheet) {
            super(where, FieldType.TEXT);
            this.rows = rows;
            this.workbook = workbook;
            this.spool = spool;
            this.sheet = sheet;
        }

        void start() throws IOException {
            SheetRows.Row first = rows.next();
            if (first != null) {
                List<String> names = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < first.cells().size(); i++) {
                    Object cell = first.cells().get(i);
                    String name = cell == null ? CellReference.convertNumToColString(i) : ValueText.of(cell);
                    if (!seen.add(name)) {
                        throw new IOException(where() + ":" + sheet + "!" + first.number() + ": the header names "
                                + name + " twice");
                    }
                    names.add(name);
                }
                header = names;
            }
            sample();
        }

        @Override
        protected List<String> declaredNames() {
            return header;
        }

        @Override
        protected Raw readRaw() throws IOException {
            SheetRows.Row row = rows.next();
            if (row == null) {
                return null;
            }
            String at = where() + ":" + sheet + "!" + row.number();
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < row.cells().size(); i++) {
                Object cell = row.cells().get(i);
                if (cell == null) {
                    continue;
                }
                if (cell instanceof SheetRows.ErrorCell error) {
                    return Raw.bad("cell " + error.reference() + " holds the error " + error.error(), row.cells(), at);
                }
                if (i >= header.size()) {
                    return Raw.bad("cell " + CellReference.convertNumToColString(i) + row.number()
                            + " is right of the header's last column", row.cells(), at);
                }
                values.put(header.get(i), cell);
            }
            return Raw.of(values, at);
        }

        @Override
        public String describe() {
            return "xlsx " + where() + " sheet " + sheet;
        }

        @Override
        public void close() throws IOException {
            try {
                rows.close();
                workbook.revert();
            } finally {
                spool.close();
            }
        }
    }
}
