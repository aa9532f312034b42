package io.unikernal.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    private PrivateMosquitto(String user, String password) {
        super("mosquitto");
        this.config = dir.resolve("mosquitto.conf");
        configure(user, password);
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

    @Override
    public String toString() {
        return "private Mosquitto on 127.0.0.1:" + port;
    }
}
