package io.unikernal.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;

/** What must hold for any UDL text: it never crashes the parser, and what the parser accepts compiles. */
final class FrontEndInvariants {

    static final Adapters ADAPTERS = Adapters.installed();

    private FrontEndInvariants() {
    }

    /**
     * Parses the text; every problem is a UdlError placed inside the file; when there is no error, the document
     * compiles for run and for test. Returns the result; an exception or a misplaced problem fails with the text.
     */
    static ParseResult check(String name, String text, Path baseDir) {
        ParseResult result;
        try {
            result = new UdlParser(ADAPTERS).parse(name, text);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("the parser crashed on:\n" + text, e);
        }
        long lines = text.lines().count() + 1;
        for (UdlError problem : result.problems()) {
            assertThat(problem.pos().file()).as(problem.render() + "\nin:\n" + text).isEqualTo(name);
            assertThat(problem.pos().line()).as(problem.render() + "\nin:\n" + text).isBetween(1, (int) lines);
            assertThat(problem.pos().column()).as(problem.render() + "\nin:\n" + text).isPositive();
            assertThat(problem.message()).as("a Java exception text in\n" + text).doesNotContain("Exception")
                    .doesNotContain("java.");
            // a record's toString in a message (the soap, grpc and thrift port checks printed OptionValue[...])
            assertThat(problem.message()).as("a Java object's text in\n" + text).doesNotContainPattern(
                    "[A-Z][A-Za-z]+\\[[a-z]+=");
        }
        if (result.errors().isEmpty()) {
            for (CompileOptions options : new CompileOptions[] {CompileOptions.DEFAULT, CompileOptions.TEST}) {
                try {
                    new UdlCompiler(ADAPTERS).compile(result.document(), baseDir, options);
                } catch (RuntimeException e) {
                    throw new AssertionError("accepted but does not compile (" + (options.testMode() ? "test"
                            : "run") + "):\n" + text, e);
                }
            }
        }
        return result;
    }
}
