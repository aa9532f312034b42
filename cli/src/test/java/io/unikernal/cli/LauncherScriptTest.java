package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./unikernal} launcher's JVM options: a bounded heap and exit on OutOfMemoryError by default, and
 * {@code UNIKERNAL_JAVA_OPTS} wins. The script runs from a copy in a folder that looks built (so it never builds),
 * with a {@code java} on the PATH that prints the command line it was given.
 */
class LauncherScriptTest {

    @TempDir
    Path tmp;

    @Test
    void theHeapIsBoundedAndAnOutOfMemoryErrorEndsTheProcess() throws Exception {
        List<String> args = javaArgs(Map.of());
        assertThat(args).containsSubsequence("-XX:+ExitOnOutOfMemoryError", "-Xmx512m", "-cp")
                .endsWith("io.unikernal.cli.UnikernalCli", "run", "app.udl.yaml");
    }

    @Test
    void unikernalJavaOptsComeLastAndAHeapSizeThereReplacesTheDefault() throws Exception {
        assertThat(javaArgs(Map.of("UNIKERNAL_JAVA_OPTS", "-Xmx2g -Dfoo=bar")))
                .containsSubsequence("-XX:+ExitOnOutOfMemoryError", "-Xmx2g", "-Dfoo=bar", "-cp")
                .doesNotContain("-Xmx512m");
        assertThat(javaArgs(Map.of("UNIKERNAL_JAVA_OPTS", "-XX:MaxRAMPercentage=75")))
                .contains("-XX:MaxRAMPercentage=75").doesNotContain("-Xmx512m");
        assertThat(javaArgs(Map.of("UNIKERNAL_JAVA_OPTS", "-Dfoo=bar -XX:-ExitOnOutOfMemoryError")))
                .containsSubsequence("-XX:+ExitOnOutOfMemoryError", "-Xmx512m", "-Dfoo=bar",
                        "-XX:-ExitOnOutOfMemoryError", "-cp");
    }

    private List<String> javaArgs(Map<String, String> env) throws Exception {
        Path root = Files.createTempDirectory(tmp, "dist");
        Files.copy(Path.of("../unikernal"), root.resolve("unikernal"));
        Files.createDirectories(root.resolve("cli/target/lib"));
        Files.writeString(root.resolve("cli/target/unikernal-cli.jar"), "");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("unikernal").toString(), "run",
                "app.udl.yaml");
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().remove("UNIKERNAL_JAVA_OPTS");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
