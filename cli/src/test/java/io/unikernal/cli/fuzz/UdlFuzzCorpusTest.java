package io.unikernal.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the files that once broke the UDL front end (found by the fuzz test or by hand): each must parse without
 * a crash, report its problems with positions, and compile when it has none.
 */
class UdlFuzzCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/udl-fuzz-corpus");

    @TestFactory
    Stream<DynamicTest> everyCorpusFileHoldsTheFrontEndInvariants() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.filter(p -> p.toString().endsWith(".udl.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> FrontEndInvariants.check(file.getFileName().toString(), Files.readString(file), CORPUS)));
    }
}
