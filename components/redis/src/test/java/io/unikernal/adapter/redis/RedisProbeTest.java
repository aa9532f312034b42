package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.health.ProbeResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The redis probe's verdicts against the machine's Redis, a closed port and a peer of another protocol. */
class RedisProbeTest {

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<RedisConnection> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(RedisConnection::close);
    }

    private ProbeResult probe(int port, int database, String user, String password) {
        RedisConnection connection = new RedisConnection();
        connection.setPort(port);
        connection.setDatabase(database);
        connection.setUser(user);
        connection.setPassword(password);
        connection.start();
        opened.add(connection);
        RedisProbe probe = new RedisProbe();
        probe.setSystem("cache");
        probe.setAdapter("redis");
        probe.setConnection(connection);
        return probe.check();
    }

    @Test
    void theMachinesRedisIsUpAndAClosedPortIsDownForNow() throws Exception {
        assertThat(probe(6379, 0, null, null)).isEqualTo(ProbeResult.up());
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        ProbeResult down = probe(closed, 0, null, null);
        assertThat(down.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(down.cause()).isEqualTo("Failed to connect to 127.0.0.1:" + closed + ".");
    }

    @Test
    void aWrongPasswordOrDatabaseIsPermanentAndSaysWhatToCheck() {
        assertThat(probe(6379, 0, "uk-nobody-" + suffix, "wrong").describe())
                .isEqualTo("WRONGPASS invalid username-password pair or user is disabled. — check the user and password");
        assertThat(probe(6379, 99, null, null).describe())
                .isEqualTo("ERR DB index is out of range — check the system's host, port, database, user and password");
    }

    /** A port where another protocol answers (here a peer that speaks HTTP) is not Redis: permanent. */
    @Test
    void anotherProtocolOnThePortIsPermanent() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread answering = new Thread(() -> {
                while (!peer.isClosed()) {
                    try (Socket caller = peer.accept(); OutputStream out = caller.getOutputStream()) {
                        out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "http-peer");
            answering.setDaemon(true);
            answering.start();
            ProbeResult result = probe(peer.getLocalPort(), 0, null, null);
            assertThat(result.isPermanent()).as(result.toString()).isTrue();
            assertThat(result.fix()).isEqualTo("check that host and port are a Redis server's");
        }
    }
}
