package io.unikernal.testkit.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis server of a test's own: {@code redis-server} on a free loopback port with its folder under
 * {@code target/private-servers/redis-*}. No snapshots ({@code --save ""}), but an append-only file written on every
 * command, so a restart keeps every key as a production server configured for durability would. {@link #stop()}
 * ends the process (SIGTERM) and {@link #start()} runs it again on the same port with the same data;
 * {@link #close()} stops it and deletes the folder. Never the machine's shared server on 6379.
 */
public final class PrivateRedis extends ProcessServer {

    private final String password;
    private final boolean keepsData;

    private PrivateRedis(String password, boolean keepsData) {
        super("redis");
        this.password = password;
        this.keepsData = keepsData;
    }

    /** Starts a fresh, empty server that keeps its keys over a restart (an append-only file). */
    public static PrivateRedis launch() {
        PrivateRedis redis = new PrivateRedis(null, true);
        redis.start();
        return redis;
    }

    /**
     * A fresh server, not started yet, that requires this password ({@code null}: none) and keeps nothing over a
     * restart: each start is empty, e.g. for tests that run one scenario twice against it.
     */
    public static PrivateRedis create(String password) {
        return new PrivateRedis(password, false);
    }

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", keepsData ? "yes" : "no", "--appendfsync", "always",
                "--dir", dir.toString(), "--daemonize", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        return command;
    }

    @Override
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            // a server with a password answers, but refuses PING before AUTH: it is up all the same
            String text = new String(answer, StandardCharsets.US_ASCII);
            return text.startsWith("+PONG") || text.startsWith("-NOAUTH");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "private Redis on 127.0.0.1:" + port;
    }
}
