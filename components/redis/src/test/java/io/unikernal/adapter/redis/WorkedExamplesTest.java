package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The worked example each adapter of this module ships parses, checks with no problem and compiles. */
class WorkedExamplesTest {

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"redis", "redis-streams", "redis-pubsub"})
    void theExampleChecksCleanAndCompiles(String adapter) throws IOException {
        String file = "META-INF/unikernal/examples/" + adapter + ".udl.yaml";
        String udl;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            udl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(udl).containsPattern("adapter: " + adapter + "\\b");
        Adapters adapters = Adapters.installed();
        ParseResult parsed = new UdlParser(adapters).parse(file, udl);
        assertThat(parsed.problems()).as(file).extracting(UdlError::headline).isEmpty();
        new UdlCompiler(adapters).compile(parsed.orThrow(), workDir, CompileOptions.DEFAULT);
    }
}
