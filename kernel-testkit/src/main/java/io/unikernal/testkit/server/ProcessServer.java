package io.unikernal.testkit.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the private servers that run as one process of their own share: a fresh folder under
 * {@code target/private-servers}, a free loopback port, a start that waits until the server answers (and fails with
 * the end of its log if it dies first), a stop by SIGTERM ({@link Processes#end}), and a hook that stops it should
 * the JVM exit first. {@link #close()} kills it and deletes the folder.
 */
abstract class ProcessServer implements RestartableServer, AutoCloseable {

    /** The server's folder: its data, configuration and log. */
    final Path dir;
    final int port;
    private final String kind;
    private final Thread stopAtExit;
    private Process process;

    ProcessServer(String kind) {
        this(kind, true);
    }

    /** {@code listens}: the server takes a free loopback port; else {@link #port()} is 0 (a process with no socket). */
    ProcessServer(String kind, boolean listens) {
        this.kind = kind;
        this.dir = Processes.freshDir(kind);
        this.port = listens ? FreePort.loopback() : 0;
        this.stopAtExit = new Thread(this::stop, "stop private " + kind + " " + port);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** What the server is, for a failure to start: its kind and port. */
    String what() {
        return kind + " on port " + port;
    }

    /** The command that runs the server in the foreground. */
    abstract List<String> command();

    /** Environment variables the command needs besides the JVM's. */
    Map<String, String> environment() {
        return Map.of();
    }

    /** True once the server answers on its port as it should; false while it is not there yet. */
    abstract boolean answers();

    private Path log() {
        return dir.resolve(kind + ".log");
    }

    /** Starts the server process (again, with the data it had) and waits until it answers. */
    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        process = Processes.start(command(), environment(), log());
        try {
            Processes.awaitReady(what(), process, log(), this::answers);
        } catch (RuntimeException notStarted) {
            process = null;
            throw notStarted;
        }
    }

    /** Ends the server process (SIGTERM: it stops in order) and waits until it is gone. */
    @Override
    public synchronized void stop() {
        if (process != null) {
            Processes.end(process);
            process = null;
        }
    }

    public int port() {
        return port;
    }

    /** Ends the server at once (its data goes with the folder, so nothing needs an orderly stop) and deletes it. */
    @Override
    public synchronized void close() {
        if (process != null) {
            Processes.kill(process);
            process = null;
        }
        Processes.discard(stopAtExit, dir);
    }
}
