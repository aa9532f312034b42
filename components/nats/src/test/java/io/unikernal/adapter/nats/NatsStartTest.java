package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.PrivateNats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources whose NATS server is down when the app starts: the app starts, their routes wait, and once the server is
 * there they consume — a core subscription and a JetStream durable consumer alike. A server that cannot be right
 * (an unknown host) fails the start in one line instead.
 */
class NatsStartTest {

    private static final Map<String, String> QUICK_RECHECKS = Map.of("unikernal.systems.retryInitial", "100ms",
            "unikernal.systems.retryMax", "500ms");

    @TempDir
    Path workDir;

    @Test
    void sourcesWhoseServerIsDownAtStartConsumeOnceItIsUp() throws Exception {
        String run = NatsTestServers.unique("LATE");
        try (PrivateNats server = PrivateNats.launch()) {
            // the stream exists (on file) before the server goes away
            new StreamCapture(NatsTestServers.connect(server.url()), run, run + ".in", StorageType.File).disconnect();
            server.stop();
            String servers = "\"" + server.url() + "\"";
            String udl = "udl: 8\nname: " + run + "\nsystems:\n"
                    + "  requests: {adapter: nats, servers: " + servers + ", subject: " + run + ".ask}\n"
                    + "  orders: {adapter: nats-jetstream, servers: " + servers + ", stream: " + run + ", subject: "
                    + run + ".in, createStream: false}\n"
                    + "  seen: {adapter: contract-probe}\n"
                    + "routes:\n  - name: answer\n    from: requests\n    steps:\n      - to: seen\n"
                    + "  - name: take\n    from: orders\n    steps:\n      - to: seen\n";
            try (NatsApp app = NatsApp.start(run, udl, workDir, QUICK_RECHECKS)) {
                assertThat(app.runtime().context().getRouteController().getRouteStatus("take").isStarted())
                        .as("the JetStream route while its server is down").isFalse();
                server.start();
                Connection client = NatsTestServers.connect(server.url());
                try {
                    client.jetStream().publish(run + ".in", "{\"id\": \"kept\"}".getBytes(StandardCharsets.UTF_8));
                    // a request is answered once the subscription is there ("no responders" until then)
                    Awaitility.await("the core route answering").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                            .until(() -> client.request(run + ".ask", "{\"id\": \"asked\"}".getBytes(
                                    StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS) != null);
                    Awaitility.await("both messages through").atMost(Duration.ofSeconds(30))
                            .until(() -> app.recorded("seen").stream().map(Probes.Record::body)
                                    .filter(b -> b instanceof Map<?, ?>).map(b -> ((Map<?, ?>) b).get("id"))
                                    .toList().containsAll(java.util.List.of("kept", "asked")));
                } finally {
                    client.close();
                }
            }
        }
    }

    @Test
    void anUnknownHostFailsTheStartInOneLine() {
        String run = NatsTestServers.unique("nowhere");
        String udl = "udl: 8\nname: " + run + "\nsystems:\n"
                + "  events: {adapter: nats, servers: \"nats://no-such-host.invalid:4222\", subject: a}\n"
                + "  seen: {adapter: contract-probe}\n"
                + "routes:\n  - name: r\n    from: events\n    steps:\n      - to: seen\n";
        Throwable failure = catchThrowable(() -> NatsApp.start(run, udl, workDir).close());
        Throwable line = failure;
        while (line != null && !(line instanceof SystemStartException)) {
            line = line.getCause();
        }
        assertThat(line).as("the start's failure").isNotNull();
        assertThat(line.getMessage()).isEqualTo("system events (nats) cannot start: unknown host no-such-host.invalid"
                + " — check the host name");
    }
}
