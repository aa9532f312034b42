package io.unikernal.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own: {@code initdb} into {@code target/private-servers/postgres-*}, then
 * {@code pg_ctl start} on a free loopback port (TCP only, trust authentication, user {@code postgres}), about a second
 * each. As root, PostgreSQL runs as the user {@code postgres} (it refuses root), which owns the folder. {@link #stop()}
 * and {@link #start()} restart the server process with its data; {@link #close()} stops it and deletes the folder.
 * Never the machine's shared server on 5432.
 */
public final class PrivatePostgres implements RestartableServer, AutoCloseable {

    private static final String USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final Thread stopAtExit;
    private final String password;
    private boolean running;

    private PrivatePostgres(Path bin, Path dir, String password) {
        this.bin = bin;
        this.dir = dir;
        this.password = password;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.port = FreePort.loopback();
        this.stopAtExit = new Thread(this::stopQuietly, "stop private postgres " + port);
    }

    /** Creates the cluster (user {@code postgres}, no password over TCP) and starts it. */
    public static PrivatePostgres launch() {
        PrivatePostgres postgres = create(null);
        postgres.start();
        return postgres;
    }

    /**
     * Creates a stopped cluster whose user {@code postgres} logs in over TCP with this password (scram-sha-256);
     * {@code null}: trust, no password. For tests of a server down at start, or of a wrong credential.
     */
    public static PrivatePostgres create(String password) {
        PrivatePostgres postgres = new PrivatePostgres(binaries(), Processes.freshDir("postgres"), password);
        postgres.initdb();
        Runtime.getRuntime().addShutdownHook(postgres.stopAtExit);
        return postgres;
    }

    /** The newest PostgreSQL installed under /usr/lib/postgresql, or {@code -Dunikernal.postgres.bin}. */
    private static Path binaries() {
        String configured = System.getProperty("unikernal.postgres.bin");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not installed under /usr/lib/postgresql", e);
        }
    }

    private void initdb() {
        Processes.giveTo(USER, dir);
        List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
                USER, "-E", "UTF8", "--locale=C", "--no-sync"));
        if (password == null) {
            initdb.addAll(List.of("-A", "trust"));
        } else {
            try {
                Path pwfile = Files.writeString(dir.resolve("pwfile"), password + "\n");
                Processes.giveTo(USER, pwfile);
                initdb.addAll(List.of("--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pwfile));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the password file in " + dir, e);
            }
        }
        Processes.run(Processes.as(USER, initdb), dir.resolve("initdb.log"));
    }

    /** Starts the server process (again) and waits until it accepts connections. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        // no Unix socket (its path could be too long), loopback only; a test's data needs no fsync
        String options = "-p " + port + " -k '' -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c full_page_writes=off";
        pgCtl("-o", options, "-l", log.toString(), "start");
        running = true;
    }

    /** Stops the server process (fast shutdown: connections are closed) and waits until it is gone. */
    @Override
    public synchronized void stop() {
        if (running) {
            pgCtl("-m", "fast", "stop");
            running = false;
        }
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-w", "-t", String.valueOf(Processes.BOUND_SECONDS)));
        command.addAll(List.of(arguments));
        Processes.run(Processes.as(USER, command), dir.resolve("pg_ctl.log"));
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("could not stop the private PostgreSQL on port " + port + ": " + e.getMessage());
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of its {@code postgres} database; user {@code postgres}. */
    public String jdbcUrl() {
        return url("postgres");
    }

    /** The JDBC URL of a database of this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    @Override
    public void close() {
        stop();
        Processes.discard(stopAtExit, dir);
    }

    @Override
    public String toString() {
        return "private PostgreSQL on 127.0.0.1:" + port;
    }
}
