package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unikernal etl infer FILE}: a data file's schema printed as UDL; a file it cannot read is one line, exit 1. */
class EtlInferCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheSchemaOfAFileAsUdl() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("people.jsonl"), "{\"id\": 1, \"name\": \"Jo\", \"born\":"
                + " \"1990-01-02\"}\n{\"id\": 2, \"name\": null, \"born\": \"2000-02-29\"}\n");

        Cli cli = Cli.run("etl", "infer", jsonl.toString(), "--name", "People");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("""
                # inferred from people.jsonl: 2 records
                schemas:
                  People:
                    version: 1
                    fields:
                      id: {type: int, required: true}
                      name: {type: string, description: "at most 2 characters seen"}
                      born: {type: string, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "a date", required: true}
                """);
    }

    @Test
    void aFileItCannotReadIsOneErrorLineAndExitOne() throws Exception {
        Cli missing = Cli.run("etl", "infer", dir.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("error: no such file " + dir.resolve("nope.csv"));

        Path unknown = Files.writeString(dir.resolve("data.txt"), "a\n");
        Cli cli = Cli.run("etl", "infer", unknown.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err().strip()).isEqualTo("error: cannot tell the format of " + unknown
                + " from its name: give --format csv|json|jsonl|parquet|xlsx");
    }
}
