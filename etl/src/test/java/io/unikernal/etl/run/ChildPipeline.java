package io.unikernal.etl.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A pipeline run in a JVM of its own ({@link PipelineChild}), its stdout drained so it never blocks. */
final class ChildPipeline {

    private ChildPipeline() {
    }

    /** Starts {@code pipeline} of {@code udl}; stderr goes to a file in {@code dir}. */
    static Process start(Path udl, String pipeline, Path dir, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a short-lived JVM on a busy machine: C1 only and the serial collector start it faster
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PipelineChild.class.getName(),
                udl.toString(), pipeline));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(dir.resolve("child-" + System.nanoTime() + ".err").toFile());
        Process child = builder.start();
        Thread drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                while (lines.readLine() != null) {
                    // the child's progress lines: read so its stdout never blocks it
                }
            } catch (java.io.IOException e) {
                // the child was killed
            }
        }, "child-stdout");
        drain.setDaemon(true);
        drain.start();
        return child;
    }
}
