package io.unikernal.etl.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.etl.kinds.PipelineKinds;
import io.unikernal.etl.spi.RecordFormat;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void everyFormatIsFoundByNameAndByItsFileEnding() {
        assertThat(PipelineKinds.installed().formatNames()).containsExactly("csv", "json", "jsonl", "parquet", "xlsx");
        assertThat(PipelineKinds.installed().formatOf("x.parquet")).map(RecordFormat::name).hasValue("parquet");
        assertThat(PipelineKinds.installed().formatOf("x.xlsx")).map(RecordFormat::name).hasValue("xlsx");
        assertThat(PipelineKinds.installed().formatOf("data/People.CSV")).map(RecordFormat::name).hasValue("csv");
        assertThat(PipelineKinds.installed().formatOf("a.jsonl")).map(RecordFormat::name).hasValue("jsonl");
        assertThat(PipelineKinds.installed().formatOf("a.ndjson")).map(RecordFormat::name).hasValue("jsonl");
        assertThat(PipelineKinds.installed().formatOf("a.json")).map(RecordFormat::name).hasValue("json");
        assertThat(PipelineKinds.installed().formatOf("a.txt")).isEmpty();
        assertThat(PipelineKinds.installed().format("csv")).isPresent();
        assertThat(PipelineKinds.installed().format("xml")).isEmpty();
    }
}
