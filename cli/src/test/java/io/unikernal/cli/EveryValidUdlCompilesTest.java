package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whatever the checks accept compiles, for run and for test, with every installed adapter: the examples, the valid
 * fixture files, and every UDL text block of the test sources that parses without errors.
 */
class EveryValidUdlCompilesTest {

    private static final Path REPO = Path.of("..");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"\\R(.*?)\"\"\"", Pattern.DOTALL);

    private final Adapters adapters = Adapters.installed();

    @Test
    void everyExampleAndFixtureCompiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(REPO.resolve("examples"), REPO.resolve("kernel/src/test/resources/udl/valid"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".udl.yaml") || p.toString().endsWith(".udl"))
                        .filter(p -> !p.toString().contains("/target/")).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            ParseResult result = new UdlParser(adapters).parse(file);
            if (file.startsWith(REPO.resolve("examples"))) {
                assertThat(result.errors()).as(file.toString()).isEmpty();
            }
            if (result.errors().isEmpty()) {
                compileBothWays(result, file.toAbsolutePath().getParent(), file.toString());
            }
        }
    }

    @Test
    void everyValidSnippetOfTheTestSourcesCompiles() throws IOException {
        int valid = 0;
        for (Path dir : List.of(REPO.resolve("kernel/src/test/java"), REPO.resolve("cli/src/test/java"),
                REPO.resolve("examples/src/test/java"))) {
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(dir)) {
                sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path source : sources) {
                Matcher m = TEXT_BLOCK.matcher(Files.readString(source));
                while (m.find()) {
                    String text = formatted(m.group(1).stripIndent().translateEscapes());
                    if (!text.contains("udl: 8")) {
                        continue;
                    }
                    ParseResult result = new UdlParser(adapters).parse(source.getFileName() + "@" + m.start(), text);
                    if (result.errors().isEmpty()) {
                        valid++;
                        compileBothWays(result, source.toAbsolutePath().getParent(), source + "@" + m.start());
                    }
                }
            }
        }
        assertThat(valid).as("valid snippets found").isGreaterThanOrEqualTo(15);
    }

    /** A format string's blanks filled the way the feature tests fill them: a port, a folder, a URL. */
    private static String formatted(String text) {
        return text.replace("http://127.0.0.1:%d", "http://127.0.0.1:18081").replace("\"%s\"", "\"data\"")
                .replace("%d", "18080").replace("%s", "data").replace("%%", "%");
    }

    private void compileBothWays(ParseResult result, Path baseDir, String what) {
        for (CompileOptions options : List.of(CompileOptions.DEFAULT, CompileOptions.TEST)) {
            try {
                new UdlCompiler(adapters).compile(result.document(), baseDir, options);
            } catch (RuntimeException e) {
                throw new AssertionError(what + " passes the checks but does not compile ("
                        + (options.testMode() ? "test" : "run") + "): " + e, e);
            }
        }
    }
}
