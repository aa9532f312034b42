package io.unikernal.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.doc.AdapterCatalog;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every adapter of the distribution ships a worked example (the one its page and {@code unikernal adapters NAME}
 * show), and it is a UDL app that declares a system of that adapter, checks with no problem at all (not even a
 * warning) and compiles.
 */
class AdapterExamplesTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyAdaptersExampleChecksAndCompiles() {
        Adapters adapters = Adapters.installed();
        return adapters.all().values().stream().map(adapter -> DynamicTest.dynamicTest(adapter.name(),
                () -> checkExample(adapters, adapter)));
    }

    private void checkExample(Adapters adapters, Adapter adapter) {
        String file = AdapterCatalog.examplePath(adapter.name());
        String udl = AdapterCatalog.example(adapter).orElseThrow(() -> new AssertionError("adapter '"
                + adapter.name() + "' ships no worked example: add " + file + " to its module's resources"));
        assertThat(udl).as(file).containsPattern("adapter: " + adapter.name() + "\\b");
        ParseResult parsed = new UdlParser(adapters).parse(file, udl);
        assertThat(parsed.problems()).as(file).extracting(UdlError::headline).isEmpty();
        new UdlCompiler(adapters).compile(parsed.orThrow(), tmp, CompileOptions.DEFAULT);
    }
}
