package io.unikernal.bench.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server of a benchmark in a JVM of its own (this JVM's class path), so its CPU time is its own: started, awaited
 * until it prints {@code ready}, stopped by closing its standard input. Its standard error goes to a log file.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    public static ChildJvm start(String heap, Class<?> main, File log, String... args) throws IOException {
        log.getParentFile().mkdirs();
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx" + heap));
        command.addAll(extraOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(log).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            // the server prints nothing else before it serves
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " did not start; see " + log);
        }
        return new ChildJvm(process);
    }

    /** The child's CPU time so far (user + system, from /proc). */
    public long cpuNanos() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "no CPU time for the child process")).toNanos();
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * JVM options for every child from {@value #EXTRA_OPTIONS} (space-separated), e.g. a JFR recording to profile a
     * server: {@code -XX:StartFlightRecording=filename=/tmp/jfr/,settings=profile}. None by default (measured runs).
     */
    private static List<String> extraOptions() {
        String options = System.getenv(EXTRA_OPTIONS);
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    static final String EXTRA_OPTIONS = "BENCH_CHILD_JVM_OPTS";

    private static String javaBin() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
