package io.unikernal.etl.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.etl.kinds.PipelineKinds;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.parse.UdlParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferredSchemaTest {

    @TempDir
    Path dir;

    @Test
    void csvTextIsTypedByWhatEveryValueFitsAndPrintsAsUdlTheParserAccepts() throws Exception {
        Path csv = Files.writeString(dir.resolve("people.csv"), """
                id,amount,ratio,active,born,seen,name,"first name",empty
                1,12.50,1,true,1990-01-02,2024-01-02T03:04:05Z,Jo,a,
                2,3,2.5,FALSE,2000-02-29,2024-01-02 03:04:05,"Smith, Jo",,
                x,y
                """);

        InferredSchema schema = infer(csv);

        assertThat(schema.records()).isEqualTo(3);
        assertThat(schema.bad()).isEqualTo(1);
        assertThat(schema.fields()).extracting(InferredField::kind).containsExactly(InferredField.Kind.INT,
                InferredField.Kind.DECIMAL, InferredField.Kind.DECIMAL, InferredField.Kind.BOOLEAN,
                InferredField.Kind.DATE, InferredField.Kind.TIMESTAMP, InferredField.Kind.STRING,
                InferredField.Kind.STRING, InferredField.Kind.STRING);
        String udl = schema.toUdl("People", "people.csv");
        assertThat(udl).isEqualTo("""
                # inferred from people.csv: 3 records, 1 of them unreadable and not looked at
                schemas:
                  People:
                    version: 1
                    fields:
                      id: {type: int, required: true}
                      amount: {type: decimal, description: "at most 2 decimals seen", required: true}
                      ratio: {type: decimal, description: "at most 1 decimals seen", required: true}
                      active: {type: boolean, required: true}
                      born: {type: string, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "a date", required: true}
                      seen: {type: timestamp, required: true}
                      name: {type: string, description: "at most 9 characters seen", required: true}
                      first_name: {type: string, description: "at most 1 characters seen"}  # first name in the file: map it with a set step
                      empty: {type: string, description: "at most 0 characters seen"}
                """);
        Path app = Files.writeString(dir.resolve("app.udl"), "udl: 8\nname: inferred\n" + udl);
        assertThat(new UdlParser(Adapters.installed()).load(app).schemas()).containsKey("People");
    }

    @Test
    void parquetColumnsAndJsonValuesKeepTheirTypes() throws Exception {
        Path parquet = dir.resolve("t.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT 1::BIGINT AS id, 2.5::DOUBLE AS d, 1.25::DECIMAL(9,2) AS m, DATE '2024-01-01' AS"
                    + " day, TIMESTAMP '2024-01-01 10:00:00' AS at, NULL::VARCHAR AS note) TO '" + parquet
                    + "' (FORMAT parquet)");
        }
        assertThat(infer(parquet).fields()).extracting(InferredField::kind).containsExactly(InferredField.Kind.INT,
                InferredField.Kind.DOUBLE, InferredField.Kind.DECIMAL, InferredField.Kind.DATE,
                InferredField.Kind.TIMESTAMP, InferredField.Kind.STRING);

        Path jsonl = Files.writeString(dir.resolve("t.jsonl"), "{\"id\": 1, \"doc\": {\"a\": 1}, \"tags\": [1],"
                + " \"mixed\": 1}\n{\"id\": 2, \"doc\": {}, \"tags\": [], \"mixed\": \"x\"}\n");
        assertThat(infer(jsonl).fields()).extracting(InferredField::kind).containsExactly(InferredField.Kind.INT,
                InferredField.Kind.OBJECT, InferredField.Kind.ARRAY, InferredField.Kind.STRING);
    }

    private static InferredSchema infer(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file); RecordSource source = PipelineKinds.installed()
                .formatOf(file.toString()).orElseThrow().reader(in, file.getFileName().toString(), Map.of())) {
            return InferredSchema.infer(source, Long.MAX_VALUE);
        }
    }
}
