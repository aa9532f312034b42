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
    void aMisspeltSectionIsStillCheckedInTheSameRun() {
        ParseResult result = new UdlParser(TestAdapters.all()).parse("app.udl", """
                udl: 8
                name: app
                sytems:
                  shop: {adaptor: http, prot: 8080}
                schemas:
                  Person: {fields: {age: {type: int}}}
                route:
                  - name: r
                    form: shop
                    steps:
                      - validate: Persn
                      - filter: "age > '18'"
                      - too: dbb
                """);
        assertThat(result.problems()).extracting(UdlError::headline).containsExactly(
                "app.udl:3:1: unknown key 'sytems' in the file — did you mean 'systems'? [UDL-004]",
                "app.udl:4:10: unknown key 'adaptor' in system 'shop' — did you mean 'adapter'? [UDL-004]",
                "app.udl:4:25: unknown option 'prot' for adapter 'http' — did you mean 'port'? [UDL-004]",
                "app.udl:7:1: unknown key 'route' in the file — did you mean 'routes'? [UDL-004]",
                "app.udl:9:5: unknown key 'form' in route — did you mean 'from'? [UDL-004]",
                "app.udl:11:19: unknown schema 'Persn' — did you mean 'Person'? [UDL-013]",
                "app.udl:12:22: expression does not type-check: found no matching overload for '_>_' applied to "
                        + "'(int, string)' [UDL-020]",
                "app.udl:13:9: unknown step 'too' — did you mean 'to'? [UDL-024]",
                "app.udl:13:14: unknown system 'dbb' [UDL-012]");
    }

    @Test
    void aMisspeltAdapterKeySaysSoOnce() {
        ParseResult result = new UdlParser(TestAdapters.all()).parse("app.udl",
                "udl: 8\nname: app\nsystems:\n  shop: {adaptor: http}\n");
        assertThat(result.problems()).extracting(UdlError::render).containsExactly(
                "app.udl:4:10: unknown key 'adaptor' in system 'shop' — did you mean 'adapter'? [UDL-004]"
                        + System.lineSeparator() + "    hint: a system names its adapter with 'adapter', e.g. "
                        + "adapter: http");
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
