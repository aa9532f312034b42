package io.unikernal.etl.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.unikernal.etl.format.FormatFiles;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxFormatTest {

    private final XlsxFormat xlsx = new XlsxFormat();

    @TempDir
    Path dir;

    @Test
    void readsAWorkbookFastexcelWroteWithSharedStringsDatesAndNumbers() throws Exception {
        Path file = dir.resolve("fast.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook book = new Workbook(out, "test", "1.0");
            Worksheet other = book.newWorksheet("Other");
            other.value(0, 0, "ignored");
            Worksheet sheet = book.newWorksheet("People");
            String[] header = {"id", "name", "amount", "born", "active"};
            for (int c = 0; c < header.length; c++) {
                sheet.value(0, c, header[c]);
            }
            for (int r = 1; r <= 2000; r++) {
                sheet.value(r, 0, r);
                sheet.value(r, 1, r % 7 == 0 ? null : "name " + (r % 10));
                sheet.value(r, 2, new BigDecimal(r + ".25"));
                sheet.value(r, 3, LocalDate.of(2000, 1, 1).plusDays(r));
                sheet.style(r, 3).format("yyyy-mm-dd").set();
                sheet.value(r, 4, r % 2 == 0);
            }
            book.finish();
        }

        FormatFiles.Read read = read(file, Map.of("sheet", "People"));

        assertThat(read.fields()).containsExactly(new Field("id", FieldType.LONG, false),
                new Field("name", FieldType.TEXT, true), new Field("amount", FieldType.DECIMAL, false),
                new Field("born", FieldType.DATE, false), new Field("active", FieldType.BOOLEAN, false));
        assertThat(read.records()).hasSize(2000).noneMatch(SourceRecord::isBad);
        assertThat(Arrays.asList(read.records().get(6).values())).containsExactly(7L, null, new BigDecimal("7.25"),
                LocalDate.of(2000, 1, 8), false);
        assertThat(read.records().get(6).where()).isEqualTo("fast.xlsx:People!8");
    }

    @Test
    void writesAWorkbookThatReadsBackAndThatFastexcelReads() throws Exception {
        Path file = dir.resolve("out.xlsx");
        List<Field> fields = List.of(new Field("id", FieldType.LONG, false), Field.text("name"),
                new Field("price", FieldType.DOUBLE, true), new Field("day", FieldType.DATE, true),
                new Field("at", FieldType.LOCAL_TIMESTAMP, true), new Field("ok", FieldType.BOOLEAN, true));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 1; i <= 500; i++) {
            rows.add(new Object[] {i, "n" + i, i + 0.5, LocalDate.of(2024, 1, 1).plusDays(i),
                LocalDateTime.of(2024, 1, 1, 12, 30, 15).plusMinutes(i), i % 3 == 0});
        }
        rows.add(new Object[] {501L, null, null, null, null, null});
        FormatFiles.write(xlsx, file, fields, rows);

        FormatFiles.Read read = FormatFiles.read(xlsx, file);
        assertThat(read.records()).hasSize(501);
        assertThat(Arrays.asList(read.records().get(9).values())).containsExactly(10L, "n10", new BigDecimal("10.5"),
                LocalDate.of(2024, 1, 11), LocalDateTime.of(2024, 1, 1, 12, 40, 15), false);
        assertThat(read.records().get(500).values()).containsExactly(501L, null, null, null, null, null);

        try (ReadableWorkbook book = new ReadableWorkbook(file.toFile());
                var stream = book.getFirstSheet().openStream()) {
            List<org.dhatim.fastexcel.reader.Row> other = stream.toList();
            assertThat(other).hasSize(502);
            assertThat(other.get(0).getCellAsString(4)).hasValue("at");
            assertThat(other.get(10).getCellAsNumber(0).map(BigDecimal::intValueExact)).hasValue(10);
            assertThat(other.get(10).getCellAsString(1)).hasValue("n10");
            assertThat(other.get(10).getCellAsDate(3)).hasValue(LocalDateTime.of(2024, 1, 11, 0, 0));
            assertThat(other.get(10).getCellAsBoolean(5)).hasValue(false);
        }
    }

    @Test
    void aRowWithAnErrorCellOrACellRightOfTheHeaderIsRejectedAtSheetAndRow() throws Exception {
        Path file = dir.resolve("bad.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = book.createSheet("Data");
            sheet.createRow(0).createCell(0).setCellValue("id");
            sheet.getRow(0).createCell(1).setCellValue("ratio");
            sheet.createRow(1).createCell(0).setCellValue(1);
            sheet.createRow(2).createCell(0).setCellValue(2);
            sheet.getRow(2).createCell(1).setCellErrorValue(FormulaError.DIV0.getCode());
            sheet.createRow(4).createCell(0).setCellValue(3);
            sheet.getRow(4).createCell(3).setCellValue("stray");
            sheet.createRow(5).createCell(0).setCellValue(4);
            book.write(out);
        }

        FormatFiles.Read read = FormatFiles.read(xlsx, file);

        assertThat(read.bad()).extracting(SourceRecord::where, SourceRecord::problem).containsExactly(
                tuple("bad.xlsx:Data!3", "cell B3 holds the error #DIV/0!"),
                tuple("bad.xlsx:Data!5", "cell D5 is right of the header's last column"));
        assertThat(read.good()).extracting(SourceRecord::where).containsExactly("bad.xlsx:Data!2", "bad.xlsx:Data!6");
        String position = FormatFiles.positionAfter(xlsx, file, 3);
        assertThat(FormatFiles.values(FormatFiles.read(xlsx, file, position).records()))
                .containsExactly(Arrays.asList(4L, null));
    }

    @Test
    void aMissingSheetOrAFileThatIsNoWorkbookIsRefusedWithWhere() throws Exception {
        Path file = dir.resolve("one.xlsx");
        FormatFiles.write(xlsx, file, List.of(Field.text("a")), List.<Object[]>of(new Object[] {"x"}));
        assertThatThrownBy(() -> read(file, Map.of("sheet", "Nope")))
                .hasMessage("one.xlsx: no sheet Nope (the sheets: Sheet1)");
        Path garbage = Files.writeString(dir.resolve("garbage.xlsx"), "id\n1\n");
        assertThatThrownBy(() -> FormatFiles.read(xlsx, garbage)).hasMessageStartingWith("garbage.xlsx: no xlsx workbook (");
    }

    private FormatFiles.Read read(Path file, Map<String, Object> options) throws Exception {
        try (InputStream in = Files.newInputStream(file);
                RecordSource source = xlsx.reader(in, file.getFileName().toString(), options)) {
            List<SourceRecord> records = new ArrayList<>();
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                records.add(r);
            }
            return new FormatFiles.Read(source.fields(), records);
        }
    }
}
