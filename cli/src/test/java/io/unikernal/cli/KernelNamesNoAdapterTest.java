package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.plugins.Language;
import io.unikernal.spi.step.StepKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernel decides nothing by an adapter's name: no string literal in kernel main code is the name of an installed
 * adapter. A name that is also a UDL step key ({@code log}) is the step's, and the reference doc's example of an
 * adapter name is one named constant ({@code UdlSpec.ADAPTER_EXAMPLE}). Runs here because the cli has every adapter.
 */
class KernelNamesNoAdapterTest {

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final String EXAMPLE_CONSTANT = "public static final String ADAPTER_EXAMPLE = \"";

    @Test
    void noStringLiteralInKernelMainCodeNamesAnAdapter() throws IOException {
        Set<String> adapters = Adapters.installed().all().keySet();
        Set<String> stepKeys = Language.installed().stepKinds().all().stream().map(StepKind::name)
                .collect(Collectors.toSet());
        assertThat(adapters).as("adapters installed for the check").contains("http", "jdbc", "seda", "redis");

        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(kernelMainSources())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.strip().startsWith("*") || line.strip().startsWith("//")
                            || line.contains(EXAMPLE_CONSTANT)) {
                        continue;
                    }
                    Matcher m = STRING_LITERAL.matcher(line);
                    while (m.find()) {
                        if (adapters.contains(m.group(1)) && !stepKeys.contains(m.group(1))) {
                            found.add(file.getFileName() + ":" + (i + 1) + ": \"" + m.group(1) + "\"");
                        }
                    }
                }
            }
        }
        assertThat(found).as("string literals naming an adapter in kernel main code").isEmpty();
    }

    @Test
    void theCheckFindsANameWhereOneIsWritten() {
        Matcher m = STRING_LITERAL.matcher("if (\"jdbc\".equals(system.adapter())) {");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("jdbc");
    }

    private static Path kernelMainSources() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("kernel/src/main/java"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find kernel/src/main/java above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("kernel/src/main/java");
    }
}
