package io.unikernal.rust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the native library, {@code auto} falls back to the Java engine with exactly one log line;
 * with {@code unikernal.native.required=true} the same situation is an error. Runs a child JVM whose
 * class path has this module's classes minus {@code native/}.
 */
class NativeFallbackTest {
    @TempDir
    Path tmp;

    @Test
    void withoutTheLibraryAutoUsesJavaAndSaysSoOnce() throws Exception {
        Result r = run(false);
        assertThat(r.output).contains("auto single=java batch=java decision=0");
        assertThat(r.output).contains("rust refused: routing engine 'rust' is not available");
        assertThat(r.output.lines().filter(l -> l.contains("native library not loaded")).count()).isEqualTo(1);
        assertThat(r.exit).isZero();
    }

    @Test
    void whenRequiredALoadFailureIsAnError() throws Exception {
        Result r = run(true);
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("is required (-Dunikernal.native.required=true) but did not load");
    }

    private record Result(int exit, String output) {
    }

    private Result run(boolean required) throws IOException, InterruptedException {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        Path stripped = tmp.resolve("classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = classes.relativize(p);
                if (rel.toString().startsWith("native")) {
                    continue;
                }
                Path to = stripped.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            cp.add(Path.of(entry).toAbsolutePath().equals(classes) ? stripped.toString() : entry);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, cp), "-Djava.library.path=" + tmp));
        cmd.add("-D" + NativeLibrary.REQUIRED_PROPERTY + "=" + required);
        cmd.add(FallbackMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(NativeLibrary.REQUIRED_ENV);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
