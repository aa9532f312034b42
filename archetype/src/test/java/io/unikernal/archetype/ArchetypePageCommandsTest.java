package io.unikernal.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/ways-in/archetype.md, the generated README and the archetype's integration test run the same commands: the
 * page generates with the properties the integration test generates with, and builds and runs with the goals it runs.
 */
class ArchetypePageCommandsTest {

    private static final Path PAGE = Path.of("../docs/ways-in/archetype.md");
    private static final Path IT = Path.of("src/test/resources/projects/hello");
    private static final Path TEMPLATE = Path.of("src/main/resources/archetype-resources");

    @Test
    void thePageGeneratesWithTheIntegrationTestsProperties() throws IOException {
        Map<String, String> options = options(command("mvn archetype:generate"));
        Properties it = new Properties();
        try (Reader in = Files.newBufferedReader(IT.resolve("archetype.properties"))) {
            it.load(in);
        }

        assertEquals("io.unikernal", options.get("archetypeGroupId"));
        assertEquals("unikernal-archetype", options.get("archetypeArtifactId"));
        assertEquals(System.getProperty("project.version"), options.get("archetypeVersion"));
        for (String key : it.stringPropertyNames()) {
            assertEquals(it.getProperty(key), options.get(key), key);
        }
        assertEquals("false", options.get("interactiveMode"));
    }

    @Test
    void thePagesBuildAndRunCommandsAreTheOnesTheIntegrationTestRuns() throws IOException {
        String goals = Files.readString(IT.resolve("goal.txt")).strip();

        assertEquals("mvn verify", command("mvn verify"));
        assertEquals("mvn exec:java", command("mvn exec:java"));
        assertTrue(goals.startsWith("verify exec:java "), goals);
        // the page's stop-after-two-messages example is the integration test's exec:java
        String stopping = "mvn " + goals.substring("verify ".length());
        assertTrue(normalised(Files.readString(PAGE)).contains(stopping), stopping);
    }

    @Test
    void theGeneratedReadmeGivesThePagesTwoCommands() throws IOException {
        String readme = Files.readString(TEMPLATE.resolve("README.md"));

        assertTrue(readme.contains("\n    mvn verify\n"), readme);
        assertTrue(readme.contains("\n    mvn exec:java\n"), readme);
    }

    @Test
    void theFilesThePageListsAreGenerated() throws IOException {
        Matcher rows = Pattern.compile("\\| `([^`]+)` \\|").matcher(Files.readString(PAGE));
        List<String> listed = new ArrayList<>();
        while (rows.find()) {
            listed.add(rows.group(1));
        }

        assertEquals(5, listed.size(), listed.toString());
        for (String file : listed) {
            // the archetype puts the template's sources in the package's folder
            Path template = TEMPLATE.resolve(file.replace("com/example/hello/", ""));
            assertTrue(Files.isRegularFile(template), template.toString());
        }
    }

    /** The one line in a sh block of the page that starts with {@code start}. */
    private static String command(String start) throws IOException {
        Matcher blocks = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(PAGE));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            blocks.group(1).lines().filter(l -> l.equals(start) || l.startsWith(start + " ")).forEach(found::add);
        }
        assertEquals(1, found.size(), start + ": " + found);
        return found.get(0);
    }

    private static Map<String, String> options(String command) {
        Map<String, String> options = new LinkedHashMap<>();
        Matcher option = Pattern.compile("-D([\\w.]+)=(\\S+)").matcher(command);
        while (option.find()) {
            options.put(option.group(1), option.group(2));
        }
        return options;
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
