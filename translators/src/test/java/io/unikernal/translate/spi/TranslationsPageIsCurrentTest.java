package io.unikernal.translate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/translators.md lists the installed translation kinds in a block generated from them; this fails when the
 * committed block differs. Run with {@code -Dunikernal.docs.update=true} to rewrite it (like GeneratedDocsAreCurrentTest).
 */
class TranslationsPageIsCurrentTest {

    @Test
    void theKindsTableIsCurrent() throws Exception {
        Path page = Path.of("..", "docs", "translators.md").toAbsolutePath().normalize();
        String committed = Files.readString(page, StandardCharsets.UTF_8);
        String current = TranslationKindsTable.replaceIn(committed,
                TranslationKindsTable.generate(TranslationKinds.installed()));
        if (Boolean.getBoolean("unikernal.docs.update")) {
            Files.writeString(page, current, StandardCharsets.UTF_8);
            return;
        }
        assertThat(committed).as("docs/translators.md is stale; regenerate with -Dtest=TranslationsPageIsCurrentTest"
                + " -Dunikernal.docs.update=true").isEqualTo(current);
        assertThat(current).contains("| `rest` | `grpc` |");
    }
}
