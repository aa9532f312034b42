package io.unikernal.testkit.server;

import io.unikernal.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A NATS server of a test's own: {@code nats-server -a 127.0.0.1 -p P -js -sd DIR} on a free loopback port, with
 * JetStream storing under {@code target/private-servers/nats-*}, so streams, their messages and durable consumers are
 * kept over a restart. {@link #stop()} ends the process (SIGTERM: the server flushes its store and closes its client
 * connections) and {@link #start()} runs it again on the same port with the same store; {@link #close()} stops it and
 * deletes the folder. Never the machine's shared server on 4222.
 */
public final class PrivateNats implements RestartableServer, AutoCloseable {

    private final Path dir;
    private final int port;
    private final Thread stopAtExit;
    private final String user;
    private final String password;
    private final List<String> tls = new ArrayList<>();
    private Process process;

    private PrivateNats(Path dir, String user, String password) {
        this.dir = dir;
        this.user = user;
        this.password = password;
        this.port = FreePort.loopback();
        this.stopAtExit = new Thread(this::stop, "stop private nats " + port);
    }

    /** Starts a fresh server with JetStream and no authentication. */
    public static PrivateNats launch() {
        PrivateNats nats = create(null, null);
        nats.start();
        return nats;
    }

    /**
     * A fresh server with JetStream, not started yet, that requires this user and password ({@code null}: no
     * authentication), e.g. for tests of a wrong credential or of a server down at start.
     */
    public static PrivateNats create(String user, String password) {
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("a user needs a password, and a password a user");
        }
        PrivateNats nats = new PrivateNats(Processes.freshDir("nats"), user, password);
        Runtime.getRuntime().addShutdownHook(nats.stopAtExit);
        return nats;
    }

    /**
     * A fresh server with JetStream that requires TLS with the certificates' server certificate (for 127.0.0.1 and
     * localhost), not started yet; with {@code verifyClients} it also wants a client certificate the CA signed.
     */
    public static PrivateNats createTls(TestCertificates certs, boolean verifyClients) {
        PrivateNats nats = create(null, null);
        nats.tls.addAll(List.of("--tls", "--tlscert", certs.serverPem().toString(), "--tlskey",
                certs.serverKeyPem().toString()));
        if (verifyClients) {
            nats.tls.addAll(List.of("--tlsverify", "--tlscacert", certs.caPem().toString()));
        }
        return nats;
    }

    /** Starts the server process (again) and waits until it greets a client with its INFO line. */
    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port),
                "-js", "-sd", dir.resolve("jetstream").toString()));
        if (user != null) {
            command.addAll(List.of("--user", user, "--pass", password));
        }
        command.addAll(tls);
        Path log = dir.resolve("nats-server.log");
        process = Processes.start(command, log);
        Processes.awaitReady("nats-server on port " + port, process, log, this::greets);
    }

    /** A NATS server speaks first: {@code INFO {...}}. */
    private boolean greets() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("INFO ");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Ends the process (SIGTERM) and waits until it is gone. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.end(process);
        process = null;
    }

    public int port() {
        return port;
    }

    /** {@code nats://127.0.0.1:PORT}, or {@code tls://127.0.0.1:PORT} for a TLS server. */
    public String url() {
        return (tls.isEmpty() ? "nats" : "tls") + "://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
        Processes.discard(stopAtExit, dir);
    }

    @Override
    public String toString() {
        return "private NATS on 127.0.0.1:" + port;
    }
}
