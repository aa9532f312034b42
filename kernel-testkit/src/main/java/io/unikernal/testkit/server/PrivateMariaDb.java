package io.unikernal.testkit.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A MariaDB server of a test's own: {@code mariadb-install-db} into {@code target/private-servers/mariadb-*} (about
 * half a second), then {@code mariadbd} in the foreground on a free loopback port with that data directory and a
 * socket of its own, user {@code root} without a password (database {@code test} made at the first start).
 * {@link #stop()} ends the process (SIGTERM: an orderly shutdown) and {@link #start()} runs it again with the same
 * data; {@link #close()} kills it and deletes the folder. Never the machine's shared server on 3306.
 */
public final class PrivateMariaDb extends ProcessServer {

    private static final String USER = "root";

    private PrivateMariaDb() {
        super("mariadb");
        List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (Processes.runningAsRoot()) {
            install.add("--user=root");
        }
        Processes.run(install, dir.resolve("install.log"));
    }

    /** Creates the data directory and starts the server. */
    public static PrivateMariaDb launch() {
        PrivateMariaDb mariadb = new PrivateMariaDb();
        mariadb.start();
        return mariadb;
    }

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-name-resolve", "--log-error=" + dir.resolve(
                        "error.log"), "--init-file=" + initFile(), "--innodb-flush-log-at-trx-commit=0",
                "--innodb-buffer-pool-size=32M", "--skip-log-bin"));
        if (Processes.runningAsRoot()) {
            command.add("--user=root");
        }
        return command;
    }

    /** Run by the server at each start: the database the tests use. */
    private String initFile() {
        java.nio.file.Path file = dir.resolve("init.sql");
        try {
            java.nio.file.Files.writeString(file, "CREATE DATABASE IF NOT EXISTS test;\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
        return file.toString();
    }

    /** A MariaDB server greets every new connection first: a packet whose payload starts with protocol 10. */
    @Override
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] greeting = in.readNBytes(5);
            return greeting.length == 5 && greeting[4] == 10;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The JDBC URL of its {@code test} database; user {@code root}, no password. */
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/test";
    }

    public String user() {
        return USER;
    }

    @Override
    public String toString() {
        return "private MariaDB on 127.0.0.1:" + port;
    }
}
