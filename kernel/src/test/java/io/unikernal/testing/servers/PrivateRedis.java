package io.unikernal.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Redis server of a test's own, on a free loopback port, with no persistence (each start is empty), for tests that
 * stop and start it (never the machine's shared one). {@link #create} only picks the port: the server is down until
 * {@link #start}; {@link #stop} and {@link #start} may be called again and again; {@link #close} stops it and deletes
 * its folder under target/. With a password the default user needs it ({@code requirepass}).
 */
public final class PrivateRedis implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final String password;
    private Process process;

    private PrivateRedis(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    /** A server that is not started yet; {@code password} may be null (no AUTH needed). */
    public static PrivateRedis create(String password) {
        return new PrivateRedis(ServerFiles.newDirectory("redis"), ServerFiles.freePort(), password);
    }

    public int port() {
        return port;
    }

    /** Starts the server and returns once it answers PING. */
    public synchronized PrivateRedis start() {
        if (process != null) {
            return this;
        }
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await(this + " answers").atMost(ServerFiles.COMMAND_MINUTES, TimeUnit.MINUTES)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("redis-server exited " + process.exitValue() + "; see "
                                + dir.resolve("server.log"));
                    }
                    return answersPing();
                });
        return this;
    }

    /** Stops the server (SIGTERM; nothing is saved) and returns once it has exited. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(ServerFiles.COMMAND_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(ServerFiles.COMMAND_MINUTES, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            ServerFiles.deleteTree(dir);
        }
    }

    /** PING over a plain socket (RESP inline command): any reply but an error means it serves. */
    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            int first = in.read();
            // "+PONG", or "-NOAUTH ..." when a password is set: either way the server is up
            return first == '+' || first == '-';
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "private Redis on 127.0.0.1:" + port;
    }
}
