package io.unikernal.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed catalog is exactly what the installed adapters' and steps' declarations generate; run with
 * {@code -Dunikernal.docs.update=true} to rewrite it.
 */
class CatalogIsCurrentTest {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path RESOURCES = MODULE.resolve("src/main/resources").resolve(CatalogFiles.RESOURCE_DIR);
    static final Path INDEX = MODULE.getParent().resolve(CatalogFiles.INDEX_PAGE);

    @Test
    void theCommittedCatalogIsWhatTheDeclarationsGenerate() throws IOException {
        KameletCatalog.Result result = new KameletCatalog(Adapters.installed()).generate();
        Map<String, String> expected = new TreeMap<>(CatalogFiles.kamelets(result));
        String index = CatalogFiles.index(result);
        if (Boolean.getBoolean("unikernal.docs.update")) {
            Files.createDirectories(RESOURCES);
            try (Stream<Path> old = Files.list(RESOURCES)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Files.writeString(RESOURCES.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
            Files.createDirectories(INDEX.getParent());
            Files.writeString(INDEX, index, StandardCharsets.UTF_8);
        }
        assertThat(committed()).as("kamelets/src/main/resources/kamelets: regenerate with -Dunikernal.docs.update=true")
                .isEqualTo(expected);
        assertThat(Files.readString(INDEX)).as(CatalogFiles.INDEX_PAGE + " is stale: regenerate").isEqualTo(index);
    }

    static Map<String, String> committed() throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(RESOURCES)) {
            try (Stream<Path> files = Files.list(RESOURCES)) {
                for (Path p : files.sorted().toList()) {
                    out.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        }
        return out;
    }
}
