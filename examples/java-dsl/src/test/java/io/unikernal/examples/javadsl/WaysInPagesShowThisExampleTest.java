package io.unikernal.examples.javadsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/ways-in/udl-in-camel.md and java-dsl.md show this example's files: each block marked
 * {@code <!-- example: PATH [part] -->} must be the file (or, with a part, appear in it word for word), so the pages
 * show what the tests run; each {@code ./mvnw ... -pl MODULE} command must name a module of the build.
 */
class WaysInPagesShowThisExampleTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- example: (\\S+)( [^>]+)? -->\\s*\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern MVNW_MODULE = Pattern.compile("^\\s*\\./mvnw .*-pl (\\S+)", Pattern.MULTILINE);

    @Test
    void udlInCamelShowsTheExampleFiles() throws Exception {
        assertThat(checkExamples("udl-in-camel.md")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void javaDslShowsTheExampleCode() throws Exception {
        assertThat(checkExamples("java-dsl.md")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theBuildCommandsNameModulesOfTheBuild() throws Exception {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        for (String page : List.of("udl-in-camel.md", "java-dsl.md")) {
            Matcher command = MVNW_MODULE.matcher(page(page));
            List<String> modules = new ArrayList<>();
            while (command.find()) {
                modules.add(command.group(1));
            }
            assertThat(modules).as(page).isNotEmpty();
            for (String module : modules) {
                assertThat(parent).as(page + ": module " + module).contains("<module>" + module + "</module>");
                assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
            }
        }
    }

    private static int checkExamples(String page) throws Exception {
        Matcher block = EXAMPLE.matcher(page(page));
        int checked = 0;
        while (block.find()) {
            Path file = ROOT.resolve(block.group(1));
            assertThat(file).as(page + " shows " + block.group(1)).exists();
            String text = Files.readString(file);
            String shown = block.group(3);
            if (block.group(2) == null) {
                assertThat(shown.strip()).as(page + " shows all of " + block.group(1)).isEqualTo(text.strip());
            } else {
                assertThat(text).as(page + " shows a part of " + block.group(1) + " word for word").contains(shown);
            }
            checked++;
        }
        return checked;
    }

    private static String page(String name) throws Exception {
        return Files.readString(ROOT.resolve("docs/ways-in").resolve(name));
    }
}
