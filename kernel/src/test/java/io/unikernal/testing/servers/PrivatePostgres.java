package io.unikernal.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, on a free loopback port, for tests that stop and start it (never the machine's
 * shared one): {@link #create} runs initdb (about a second) and leaves it stopped; {@link #start} and {@link #stop}
 * may be called again and again; {@link #close} stops it and deletes its folder under target/. With a password,
 * TCP connections must give it (scram-sha-256), so a wrong password is refused; without, they are trusted. initdb
 * refuses to run as root, so under root (CI) it runs as the user {@code postgres}, owner of its folder.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String SERVER_USER = "postgres";

    private final Path dir;
    private final int port;
    private final String password;
    private boolean running;

    private PrivatePostgres(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    /** A new stopped server whose user {@code postgres} has this password ({@code null}: trust, no password). */
    public static PrivatePostgres create(String password) {
        Path dir = ServerFiles.newDirectory("postgres");
        PrivatePostgres server = new PrivatePostgres(dir, ServerFiles.freePort(), password);
        try {
            List<String> initdb = new ArrayList<>(List.of(BIN.resolve("initdb").toString(), "-D",
                    server.data().toString(), "-U", SERVER_USER, "-N", "--no-instructions"));
            if (password == null) {
                initdb.addAll(List.of("-A", "trust"));
            } else {
                Path pwfile = Files.writeString(dir.resolve("pwfile"), password + "\n");
                initdb.addAll(List.of("--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pwfile));
            }
            server.giveToServerUser();
            ServerFiles.run(server.asServerUser(initdb), dir.resolve("initdb.log"));
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of a database of this server, e.g. {@code postgres}. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return SERVER_USER;
    }

    /** Starts the server and returns once it accepts connections (pg_ctl -w). */
    public synchronized PrivatePostgres start() {
        if (!running) {
            ServerFiles.run(asServerUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-w",
                    "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start")),
                    dir.resolve("pg_ctl.log"));
            running = true;
        }
        return this;
    }

    /** Stops the server (fast shutdown: open connections are cut) and returns once it is down. */
    public synchronized void stop() {
        if (running) {
            ServerFiles.run(asServerUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-w",
                    "-t", "60", "-m", "fast", "stop")), dir.resolve("pg_ctl.log"));
            running = false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            ServerFiles.deleteTree(dir);
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private List<String> asServerUser(List<String> command) {
        if (!ServerFiles.runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SERVER_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void giveToServerUser() throws IOException {
        if (!ServerFiles.runningAsRoot()) {
            return;
        }
        UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_USER);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.toList()) {
                Files.setOwner(path, owner);
            }
        }
    }

    @Override
    public String toString() {
        return "private PostgreSQL on 127.0.0.1:" + port + " in " + dir;
    }
}
