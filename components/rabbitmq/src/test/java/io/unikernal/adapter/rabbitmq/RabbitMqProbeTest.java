package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.health.ProbeResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rabbitmq probe's verdicts: the machine's broker is up; a port where nothing listens is down for now; a wrong
 * password, an unknown user, a virtual host that does not exist, an unknown host and another protocol on the port
 * (the machine's NATS) are permanent and say what to check.
 */
class RabbitMqProbeTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    static ProbeResult probe(String host, int port, String user, String password, String virtualHost) {
        RabbitConnection connection = new RabbitConnection();
        connection.setHost(host);
        connection.setPort(port);
        if (user != null) {
            connection.setUser(user);
            connection.setPassword(password);
        }
        connection.setVirtualHost(virtualHost);
        connection.setConnectTimeout(Duration.ofSeconds(2));
        RabbitMqProbe probe = new RabbitMqProbe();
        probe.setSystem("broker");
        probe.setAdapter("rabbitmq");
        probe.setConnection(connection);
        try {
            return probe.check();
        } finally {
            connection.destroy();
        }
    }

    @Test
    void theMachinesBrokerIsUpAndAClosedPortIsDownForNow() throws Exception {
        assertThat(probe("127.0.0.1", 5672, null, null, "/")).isEqualTo(ProbeResult.up());
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        ProbeResult down = probe("127.0.0.1", closed, null, null, "/");
        assertThat(down.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(down.cause()).isEqualTo("cannot connect to RabbitMQ at 127.0.0.1:" + closed
                + " (Connection refused)");
    }

    @Test
    void aRefusedLoginIsPermanentAndSaysToCheckTheUserAndPassword() {
        assertThat(probe("127.0.0.1", 5672, "guest", "wrong-" + suffix, "/").describe())
                .isEqualTo("RabbitMQ at 127.0.0.1:5672 refused the login of user 'guest' (ACCESS_REFUSED) — check the"
                        + " user and password");
        assertThat(probe("127.0.0.1", 5672, "uk-nobody-" + suffix, "x", "/").describe())
                .isEqualTo("RabbitMQ at 127.0.0.1:5672 refused the login of user 'uk-nobody-" + suffix
                        + "' (ACCESS_REFUSED) — check the user and password");
    }

    @Test
    void aVirtualHostThatDoesNotExistIsPermanent() {
        ProbeResult result = probe("127.0.0.1", 5672, null, null, "uk-no-vhost-" + suffix);
        assertThat(result.isPermanent()).as(result.toString()).isTrue();
        assertThat(result.cause()).startsWith("RabbitMQ at 127.0.0.1:5672 refused virtual host 'uk-no-vhost-" + suffix
                + "' to user 'guest'");
        assertThat(result.fix()).isEqualTo("check the virtualHost, and that the user has permissions on it");
    }

    @Test
    void anUnknownHostIsPermanent() {
        assertThat(probe("uk-no-such-host.invalid", 5672, null, null, "/").describe())
                .isEqualTo("unknown host uk-no-such-host.invalid — check the host name");
    }

    /** A port where another protocol answers (the machine's NATS server, which greets first) is not RabbitMQ. */
    @Test
    void anotherProtocolOnThePortIsPermanent() {
        assertThat(probe("127.0.0.1", 4222, null, null, "/").describe()).isEqualTo("127.0.0.1:4222 does not answer"
                + " as an AMQP 0-9-1 server — check that host and port are a RabbitMQ server's (AMQP, usually port"
                + " 5672)");
    }
}
