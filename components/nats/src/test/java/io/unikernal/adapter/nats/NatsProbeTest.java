package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.PrivateNats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The NATS probe's verdicts: against the machine's server, a closed port, an unknown host, a private server that
 * requires a login, and JetStream streams that are missing, made elsewhere or capture other subjects.
 */
class NatsProbeTest {

    private final List<NatsSystemConnection> opened = new ArrayList<>();
    private final List<AutoCloseable> cleanUp = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanUp) {
            c.close();
        }
        for (NatsSystemConnection connection : opened) {
            connection.close();
        }
    }

    private NatsSystemConnection connection(String servers, String user, String password) {
        NatsSystemConnection connection = new NatsSystemConnection();
        connection.setServers(servers);
        connection.setUser(user);
        connection.setPassword(password);
        connection.setConnectTimeout("2s");
        opened.add(connection);
        return connection;
    }

    private static NatsProbe probe(NatsSystemConnection connection) {
        NatsProbe probe = new NatsProbe();
        probe.setSystem("events");
        probe.setAdapter("nats");
        probe.setConnection(connection);
        return probe;
    }

    @Test
    void theMachinesServerIsUpAndAClosedPortIsDownForNow() {
        assertThat(probe(connection(NatsTestServers.MACHINE, null, null)).check()).isEqualTo(ProbeResult.up());
        int closed = FreePort.loopback();
        ProbeResult down = probe(connection("nats://127.0.0.1:" + closed, null, null)).check();
        assertThat(down.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(down.cause()).isEqualTo("cannot connect to nats://127.0.0.1:" + closed + ": Connection refused");
    }

    @Test
    void anUnknownHostIsPermanent() {
        ProbeResult result = probe(connection("nats://no-such-host.invalid:4222", null, null)).check();
        assertThat(result.describe()).isEqualTo("unknown host no-such-host.invalid — check the host name");
    }

    @Test
    void aWrongPasswordIsPermanentAndAStoppedServerComesBackUp() {
        PrivateNats server = PrivateNats.create("orders", "right");
        cleanUp.add(server);
        server.start();
        ProbeResult refused = probe(connection(server.url(), "orders", "wrong")).check();
        assertThat(refused.describe()).isEqualTo("authentication failed at " + server.url() + " (Authorization"
                + " Violation) — check the user and password, or the token");

        NatsSystemConnection right = connection(server.url(), "orders", "right");
        NatsProbe probe = probe(right);
        assertThat(probe.check()).isEqualTo(ProbeResult.up());
        server.stop();
        // the client notices the closed connection by itself, a moment after the server is gone
        ProbeResult away = Awaitility.await("the server seen gone").atMost(Duration.ofSeconds(30))
                .until(probe::check, result -> !result.isUp());
        assertThat(away.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(away.cause()).startsWith("not connected to " + server.url());
        server.start();
        Awaitility.await("the connection back").atMost(Duration.ofSeconds(30))
                .until(() -> probe.check().isUp());
    }

    @Test
    void aMissingStreamIsCreatedOrRefusedAndAnExistingOneIsUsedAsItIs() throws Exception {
        NatsSystemConnection connection = connection(NatsTestServers.MACHINE, null, null);
        String name = NatsTestServers.unique("PROBE");
        NatsProbe probe = probe(connection);
        probe.setAdapter("nats-jetstream");
        probe.setStream(name);
        probe.setSubject(name + ".in");
        probe.setCreateStream(false);
        assertThat(probe.check().describe()).isEqualTo("stream " + name + " does not exist — create it, or let the"
                + " system create it (createStream: true)");

        probe.setCreateStream(true);
        probe.setStorage("memory");
        assertThat(probe.check()).isEqualTo(ProbeResult.up());
        JetStreamManagement streams = connection.jetStreamManagement();
        cleanUp.add(() -> streams.deleteStream(name));
        StreamInfo made = streams.getStreamInfo(name);
        assertThat(made.getConfiguration().getSubjects()).containsExactly(name + ".in");
        assertThat(made.getConfiguration().getStorageType()).isEqualTo(StorageType.Memory);

        // made elsewhere, with other subjects and limits: used as it is (camel-nats would fail with 10058 here)
        String other = NatsTestServers.unique("OTHER");
        streams.addStream(StreamConfiguration.builder().name(other).subjects(other + ".>").maxMessages(1000)
                .storageType(StorageType.Memory).build());
        cleanUp.add(() -> streams.deleteStream(other));
        probe.setStream(other);
        probe.setSubject(other + ".orders.created");
        assertThat(probe.check()).isEqualTo(ProbeResult.up());
        assertThat(streams.getStreamInfo(other).getConfiguration().getMaxMsgs()).isEqualTo(1000);

        probe.setSubject(name + ".elsewhere");
        assertThat(probe.check().describe()).isEqualTo("stream " + other + " does not capture subject " + name
                + ".elsewhere (its subjects: " + other + ".>) — use a subject the stream captures, or another stream");
    }
}
