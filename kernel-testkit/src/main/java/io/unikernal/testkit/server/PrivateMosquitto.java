package io.unikernal.testkit.server;

import io.unikernal.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An MQTT broker of a test's own: {@code mosquitto -c FILE} listening on a free loopback port, with its folder under
 * {@code target/private-servers/mosquitto-*}. Persistence is on: the broker writes its sessions, subscriptions,
 * queued and retained messages to {@code mosquitto.db} when it stops (SIGTERM) and reads them when it starts, so
 * {@link #stop()} and {@link #start()} are a broker restart that keeps what a durable broker keeps. {@link #close()}
 * kills it and deletes the folder. As root Mosquitto drops to its own user, which then owns the folder. Never the
 * machine's shared broker on 1883.
 */
public final class PrivateMosquitto extends ProcessServer {

    private static final String USER = "mosquitto";

    private final Path config;
    private int tlsPort;

    private PrivateMosquitto(String user, String password) {
        super("mosquitto");
        this.config = dir.resolve("mosquitto.conf");
        configure(user, password);
    }

    /**
     * A fresh broker, not started yet, that takes anonymous clients on {@link #url()} (plain TCP) and on
     * {@link #tlsUrl()} with TLS: the certificates' server certificate (for 127.0.0.1 and localhost); with
     * {@code requireClientCertificates} the TLS listener also wants a client certificate their CA signed.
     */
    public static PrivateMosquitto createTls(TestCertificates certs, boolean requireClientCertificates) {
        PrivateMosquitto mosquitto = create(null, null);
        mosquitto.tlsPort = FreePort.loopback();
        StringBuilder text = new StringBuilder("listener ").append(mosquitto.tlsPort).append(" 127.0.0.1\n");
        // copies the broker's user owns: it may read them after it dropped root
        Map<String, Path> files = Map.of("cafile", certs.caPem(), "certfile", certs.serverPem(), "keyfile",
                certs.serverKeyPem());
        files.forEach((setting, file) -> text.append(setting).append(' ')
                .append(Processes.ownedCopy(USER, mosquitto.dir, file, setting + ".pem")).append('\n'));
        text.append("require_certificate ").append(requireClientCertificates).append('\n');
        try {
            Files.writeString(mosquitto.config, text, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + mosquitto.config, e);
        }
        return mosquitto;
    }

    /** Starts a fresh broker that takes anonymous clients. */
    public static PrivateMosquitto launch() {
        PrivateMosquitto mosquitto = create(null, null);
        mosquitto.start();
        return mosquitto;
    }

    /**
     * A fresh broker, not started yet; with a {@code user}, it takes only that user with this password (no anonymous
     * clients), e.g. for tests of a wrong credential or of a broker that is down at start.
     */
    public static PrivateMosquitto create(String user, String password) {
        return new PrivateMosquitto(user, password);
    }

    private void configure(String user, String password) {
        StringBuilder text = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("persistence true\n")
                .append("persistence_location ").append(dir).append("/\n")
                .append("log_dest stdout\n")
                .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
        try {
            if (user == null) {
                text.append("allow_anonymous true\n");
            } else {
                Path passwords = dir.resolve("passwords");
                Processes.run(List.of("mosquitto_passwd", "-b", "-c", passwords.toString(), user, password),
                        dir.resolve("mosquitto_passwd.log"));
                Processes.giveTo(USER, passwords);
                text.append("allow_anonymous false\npassword_file ").append(passwords).append('\n');
            }
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        // the broker, once it dropped root, writes mosquitto.db here
        Processes.giveTo(USER, dir);
    }

    @Override
    List<String> command() {
        return List.of("mosquitto", "-c", config.toString());
    }

    @Override
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The broker's address as Paho writes it: {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TLS listener's port ({@link #createTls} brokers only). */
    public int tlsPort() {
        if (tlsPort == 0) {
            throw new IllegalStateException(this + " has no TLS listener: make it with createTls");
        }
        return tlsPort;
    }

    /** The TLS listener's address as Paho writes it: {@code ssl://127.0.0.1:PORT}. */
    public String tlsUrl() {
        return "ssl://127.0.0.1:" + tlsPort();
    }

    @Override
    public String toString() {
        return "private Mosquitto on 127.0.0.1:" + port;
    }
}
