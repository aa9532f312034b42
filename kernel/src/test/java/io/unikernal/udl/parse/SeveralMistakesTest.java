package io.unikernal.udl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.udl.TestAdapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.error.UdlException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeveralMistakesTest {

    private static final String TEXT = """
            udl: 8
            name: shop app
            systems:
              shop: {adapter: http, prot: 8080}
              db: {adapter: postgress}
            schemas:
              Order:
                fields:
                  amount: {type: decimal, min: 5, max: 1}
            routes:
              - name: ingest
                from: shop
                engine: diesel
                steps:
                  - validate: Ordr
                  - filter: "amount >"
                  - to: dbb
            """;

    @Test
    void reportsEveryMistakeInFileOrder() {
        ParseResult result = new UdlParser(TestAdapters.all()).parse("app.udl", TEXT);
        assertThat(result.problems()).extracting(UdlError::headline).containsExactly(
                "app.udl:2:7: 'shop app' is not a valid name [UDL-010]",
                "app.udl:4:25: unknown option 'prot' for adapter 'http' — did you mean 'port'? [UDL-004]",
                "app.udl:5:17: unknown adapter 'postgress' — did you mean 'postgres'? [UDL-011]",
                "app.udl:9:7: field 'amount': min 5 is greater than max 1 [UDL-017]",
                result.problems().get(4).headline(),
                "app.udl:15:19: unknown schema 'Ordr' — did you mean 'Order'? [UDL-013]",
                result.problems().get(6).headline(),
                "app.udl:17:13: unknown system 'dbb' — did you mean 'db'? [UDL-012]");
        assertThat(result.problems().get(4).headline()).startsWith("app.udl:13:13: 'engine' must be one of rust, java, auto");
        assertThat(result.problems().get(6).headline()).startsWith("app.udl:16:26: expression does not parse: ");
    }

    @Test
    void loadThrowsWithAllErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.udl");
        Files.writeString(file, TEXT);
        UdlParser parser = new UdlParser(TestAdapters.all());
        try {
            parser.load(file);
            throw new AssertionError("load must fail");
        } catch (UdlException e) {
            assertThat(e.errors()).hasSize(8);
            assertThat(e.getMessage()).startsWith(file + ":2:7: 'shop app' is not a valid name [UDL-010]");
        }
    }
}
