package io.unikernal.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the commands of private servers: bounded waits, output to a log file that a failure quotes. */
final class Processes {

    /** Longer than any server here needs to start or stop on a loaded machine; only a hang reaches it. */
    static final long BOUND_SECONDS = 120;

    private Processes() {
    }

    /** True when this JVM runs as root, so a server that refuses root (PostgreSQL) runs as its own user. */
    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code command} as {@code user} when running as root ({@code runuser -u user --}), else as it is. */
    static List<String> as(String user, List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Starts {@code command}, appending its output to {@code log}. */
    static Process start(List<String> command, Path log) {
        return start(command, java.util.Map.of(), log);
    }

    /** Starts {@code command} with these environment variables added, appending its output to {@code log}. */
    static Process start(List<String> command, java.util.Map<String, String> environment, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        }
    }

    /**
     * Makes {@code user} the owner of {@code paths} when running as root, for a server that runs as its own user
     * (PostgreSQL refuses root; Mosquitto drops root for its user; RabbitMQ runs as {@code rabbitmq}): it must write
     * its folder and read its files.
     */
    static void giveTo(String user, Path... paths) {
        if (!runningAsRoot()) {
            return;
        }
        try {
            java.nio.file.attribute.UserPrincipal owner = paths[0].getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(user);
            for (Path path : paths) {
                Files.setOwner(path, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + java.util.Arrays.toString(paths) + " to user " + user, e);
        }
    }

    /**
     * Waits until a server process just started is ready ({@code ready} says so), within the bound; a process that ends
     * meanwhile fails at once, quoting the end of its log.
     */
    static void awaitReady(String what, Process process, Path log, java.util.concurrent.Callable<Boolean> ready) {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(BOUND_SECONDS))
                .pollInterval(java.time.Duration.ofMillis(20)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(what + ": the process ended with " + process.exitValue()
                                + "; " + tail(log));
                    }
                    return ready.call();
                });
    }

    /**
     * Ends a server process (SIGTERM, then SIGKILL if it has not gone within the bound) and waits until it is gone;
     * children it leaves behind (a server script's VM) are killed too, so no server outlives the test.
     */
    static void end(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Kills a server process and its children at once (SIGKILL), for a server whose data is thrown away. */
    static void kill(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : tree) {
            child.onExit().orTimeout(BOUND_SECONDS, TimeUnit.SECONDS).exceptionally(timeout -> child).join();
        }
    }

    /** Runs {@code command} to its end; a failure names the command and quotes the end of the log. */
    static void run(List<String> command, Path log) {
        Process process = start(command, log);
        try {
            if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + BOUND_SECONDS
                        + " s; " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                    + process.exitValue() + "; " + tail(log));
        }
    }

    /** The last lines of a server's log, for a failure message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return "log " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20),
                    lines.size()));
        } catch (IOException e) {
            return "log " + log + " unreadable: " + e.getMessage();
        }
    }

    /** Deletes a folder a private server used, contents first. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** A fresh folder for one private server under the module's {@code target/private-servers}. */
    /** A copy of {@code file} in {@code dir} named {@code name}, owned by {@code user} (a server reads it as that user). */
    static Path ownedCopy(String user, Path dir, Path file, String name) {
        Path copy = dir.resolve(name);
        try {
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " to " + copy, e);
        }
        giveTo(user, copy);
        return copy;
    }

    static Path freshDir(String kind) {
        Path dir = Path.of("target", "private-servers", kind + "-" + java.util.UUID.randomUUID().toString()
                .substring(0, 8)).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** After a stopped server: its stop-at-exit hook is no longer needed, and its files go. */
    static void discard(Thread stopAtExit, Path dir) {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook runs anyway
        }
        deleteTree(dir);
    }
}
