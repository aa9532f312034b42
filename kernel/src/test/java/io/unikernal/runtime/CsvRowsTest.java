package io.unikernal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV with a header row read strictly: every row as it is, or a refusal naming the line — never a guess. */
class CsvRowsTest {

    @Test
    void rowsAreObjectsOfTheCellsTextInTheHeadersOrder() {
        List<Map<String, Object>> rows = CsvRows.read("\uFEFFid,name,qty\r\n1,\"Smith, J.\",007\n\n2,\"say \"\"hi\"\"\","
                + "\"two\nlines\"\r\n3,,\"\"", "object a.csv");
        assertThat(rows).containsExactly(
                Map.of("id", "1", "name", "Smith, J.", "qty", "007"),
                Map.of("id", "2", "name", "say \"hi\"", "qty", "two\nlines"),
                Map.of("id", "3", "name", "", "qty", ""));
        assertThat(rows.get(0).keySet()).containsExactly("id", "name", "qty");
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsKeptAsText() {
        assertThat(CsvRows.read("id,name\n1,a\"b\n", "x")).containsExactly(Map.of("id", "1", "name", "a\"b"));
    }

    @Test
    void aHeaderAloneOrNothingIsNoRow() {
        assertThat(CsvRows.read("id,name\n", "x")).isEmpty();
        assertThat(CsvRows.read("", "x")).isEmpty();
    }

    @Test
    void aMalformedTextIsRefusedWithItsLine() {
        assertThatThrownBy(() -> CsvRows.read("id,name\n1,a\n2,b,c\n", "object a.csv"))
                .isInstanceOf(MessageRejectedException.class)
                .hasMessage("object a.csv is not valid CSV: line 3: 3 cells, the header has 2");
        assertThatThrownBy(() -> CsvRows.read("id,name\n1\n", "x")).hasMessageContaining("line 2: 1 cell, the header has 2");
        assertThatThrownBy(() -> CsvRows.read("id,name\n1,\"a\"b\n", "x"))
                .hasMessageContaining("line 2: text after a closing quote");
        assertThatThrownBy(() -> CsvRows.read("id,name\n1,\"a\n2,b\n", "x"))
                .hasMessageContaining("line 2: a quoted cell that is not closed");
        assertThatThrownBy(() -> CsvRows.read("id,id\n1,2\n", "x")).hasMessageContaining("the column 'id' twice");
        assertThatThrownBy(() -> CsvRows.read("id,\n1,2\n", "x")).hasMessageContaining("a column without a name");
    }
}
