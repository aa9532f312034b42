package io.unikernal.etl.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.etl.spi.RecordFormat;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void everyFormatIsFoundByNameAndByItsFileEnding() {
        assertThat(Formats.names()).containsExactly("csv", "json", "jsonl", "parquet", "xlsx");
        assertThat(Formats.forFile("x.parquet")).map(RecordFormat::name).hasValue("parquet");
        assertThat(Formats.forFile("x.xlsx")).map(RecordFormat::name).hasValue("xlsx");
        assertThat(Formats.forFile("data/People.CSV")).map(RecordFormat::name).hasValue("csv");
        assertThat(Formats.forFile("a.jsonl")).map(RecordFormat::name).hasValue("jsonl");
        assertThat(Formats.forFile("a.ndjson")).map(RecordFormat::name).hasValue("jsonl");
        assertThat(Formats.forFile("a.json")).map(RecordFormat::name).hasValue("json");
        assertThat(Formats.forFile("a.txt")).isEmpty();
        assertThat(Formats.named("csv")).isPresent();
        assertThat(Formats.named("xml")).isEmpty();
    }
}
