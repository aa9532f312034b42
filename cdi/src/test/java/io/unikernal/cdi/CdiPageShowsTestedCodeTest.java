package io.unikernal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/ways-in/cdi.md shows only code these tests run. */
class CdiPageShowsTestedCodeTest {

    private static final Path PAGE = Path.of("../docs/ways-in/cdi.md");
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaYamlAndBeansXmlBlockIsFoundInTheTestSources() throws IOException {
        String tested = normalised(testSources());
        List<String> blocks = blocks("java", "yaml");
        blocks.add(blocks("xml").stream().filter(b -> b.contains("<beans")).findFirst().orElseThrow());

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);
        for (String block : blocks) {
            assertThat(tested).as("a block of %s", PAGE).contains(normalised(block));
        }
    }

    @Test
    void theDependenciesAreTheOnesTheTestsRunOn() throws IOException {
        String dependencies = blocks("xml").get(0);

        assertThat(dependencies).contains("<artifactId>unikernal-cdi</artifactId><version>"
                + System.getProperty("project.version") + "</version>");
        assertThat(dependencies).contains("<artifactId>weld-se-core</artifactId><version>"
                + System.getProperty("weld.version") + "</version>");
    }

    private static List<String> blocks(String... languages) throws IOException {
        Matcher matcher = BLOCK.matcher(Files.readString(PAGE));
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            if (List.of(languages).contains(matcher.group(1))) {
                found.add(matcher.group(2));
            }
        }
        return found;
    }

    private static String testSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test"))) {
            return files.filter(Files::isRegularFile).map(CdiPageShowsTestedCodeTest::read)
                    .collect(Collectors.joining("\n"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
