package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * The {@code unikernal} command in its own JVM, as a user starts it: this build's class path minus the test classes
 * (whose log4j2-test.xml would replace the distribution's logging), with the distribution's log4j2.xml, its output
 * captured in files.
 */
final class CliProcess implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code unikernal ARGS...} with these extra environment variables; output goes to files in {@code dir}. */
    static CliProcess start(Path dir, Map<String, String> env, String... args) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
        String log4j = io.unikernal.cli.UnikernalCli.class.getClassLoader().getResource("log4j2.xml").toString();
        assertThat(log4j).as("the distribution's log4j2.xml, not a test one").doesNotContain("test-classes");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", classPath, "io.unikernal.cli.UnikernalCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        return new CliProcess(builder.start(), out, err);
    }

    /** Waits until {@code unikernal run} says it is running and its health endpoint on {@code port} answers. */
    CliProcess awaitServing(int port) {
        Awaitility.await("the app serves").atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("unikernal exited " + process.exitValue() + ":\n" + output());
                    }
                    return Files.readString(out).contains("is running") && serves(port);
                });
        return this;
    }

    /** Waits until {@code unikernal run} says it is running, whatever its health says (a system may be down). */
    CliProcess awaitRunning() {
        Awaitility.await("the app runs").atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("unikernal exited " + process.exitValue() + ":\n" + output());
                    }
                    return Files.readString(out).contains("is running");
                });
        return this;
    }

    /** Waits for the command to end and returns its exit code. */
    int awaitExit() throws InterruptedException, java.io.IOException {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("unikernal did not end:\n" + output());
        }
        return process.exitValue();
    }

    /** Everything the process wrote so far, standard output then standard error. */
    String output() throws java.io.IOException {
        return Files.readString(out) + Files.readString(err);
    }

    /** Stops the app with SIGTERM (it stops gracefully, and logs while it does). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
    }

    private static boolean serves(int port) {
        try {
            HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/observe/health")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
