package io.unikernal.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.doc.AdapterPage;
import io.unikernal.udl.doc.UnsupportedPage;
import io.unikernal.udl.doc.UdlJsonSchemaGenerator;
import io.unikernal.udl.doc.UdlReferenceGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/udl.schema.json, docs/udl-reference.md and docs/adapters/NAME.md are generated from the UDL spec and every adapter of the
 * distribution (this module has them all on its class path). This test regenerates them in memory and fails when the
 * committed files differ; run it with {@code -Dunikernal.docs.update=true} to rewrite them.
 */
class GeneratedDocsAreCurrentTest {

    private static final boolean UPDATE = Boolean.getBoolean("unikernal.docs.update");
    private static final String HOW_TO_UPDATE = "regenerate with: ./mvnw -pl cli -am test "
            + "-Dtest=GeneratedDocsAreCurrentTest -Dsurefire.failIfNoSpecifiedTests=false -Dunikernal.docs.update=true";

    @Test
    void jsonSchemaIsCurrent() throws IOException {
        check("docs/udl.schema.json", new UdlJsonSchemaGenerator(Adapters.installed()).generateText());
    }

    @Test
    void referenceIsCurrent() throws IOException {
        check("docs/udl-reference.md", new UdlReferenceGenerator(Adapters.installed()).generate());
    }

    @Test
    void everyAdapterOfTheDistributionHasACurrentPage() throws IOException {
        assertThat(Adapters.installed().all()).isNotEmpty();
        for (Adapter adapter : Adapters.installed().all().values()) {
            check("docs/" + AdapterPage.fileName(adapter.name()), AdapterPage.generate(adapter));
        }
    }

    @Test
    void theNotSupportedPageIsCurrent() throws IOException {
        check("docs/" + UnsupportedPage.FILE_NAME, UnsupportedPage.generate());
    }

    @Test
    void noPageIsLeftForAnAdapterThatIsGone() throws IOException {
        Path pages = repositoryRoot().resolve("docs/adapters");
        if (!Files.isDirectory(pages)) {
            return; // no pages at all: the test of the pages says what to do
        }
        try (var files = Files.list(pages)) {
            for (Path page : files.toList()) {
                String name = page.getFileName().toString().replaceFirst("\\.md$", "");
                if (Adapters.installed().get(name) == null
                        && !page.getFileName().toString().equals(Path.of(UnsupportedPage.FILE_NAME).getFileName().toString())) {
                    if (UPDATE) {
                        Files.delete(page);
                    } else {
                        throw new AssertionError("docs/adapters/" + page.getFileName() + " documents no installed"
                                + " adapter; " + HOW_TO_UPDATE);
                    }
                }
            }
        }
    }

    private static void check(String relative, String generated) throws IOException {
        Path file = repositoryRoot().resolve(relative);
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as(relative + " is missing; " + HOW_TO_UPDATE).exists();
        String committed = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(committed).as(relative + " is stale: the UDL spec or an adapter changed; " + HOW_TO_UPDATE)
                .isEqualTo(generated);
    }

    /** The folder holding the parent pom and kernel/, whether tests run from cli/ or from the root. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("kernel")) && Files.exists(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
