package io.unikernal.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.server.PrivateMosquitto;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A consumer killed with SIGKILL in the middle of a stream (a child JVM running the app, QoS 1, a persistent
 * session): what it had not finished was never acknowledged, so when the app runs again under the same client id
 * the broker delivers it again. Every message published reaches the route's output at least once.
 */
class KilledConsumerTest {

    private static final int MESSAGES = 120;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mqtt", "mqtt3"})
    void messagesTheKilledConsumerHadNotFinishedComeAgain(String adapter) throws Exception {
        String protocol = adapter.equals("mqtt") ? "5" : "3";
        String app = MqttFixture.unique("killed");
        try (PrivateMosquitto broker = PrivateMosquitto.launch();
                TestClient client = TestClient.connect(protocol, broker.url(), null, false)) {
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      broker: {adapter: %s, port: %d}
                    routes:
                      - name: relay
                        from: {system: broker, topic: uk/killed/in, qos: 1}
                        policy: {retry: {attempts: 10, initial: 20ms, max: 200ms}}
                        steps:
                          - to: {system: broker, topic: uk/killed/out, qos: 1}
                    """.formatted(app, adapter, broker.port());
            Path file = Files.writeString(dir.resolve(app + ".udl.yaml"), udl);
            client.subscribe("uk/killed/out", 1);
            Process consumer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledConsumerMain.class.getName(),
                    file.toString(), app, dir.toString()).redirectErrorStream(true).start();
            int beforeKill = -1;
            try {
                awaitStarted(consumer);
                for (int i = 1; i <= MESSAGES; i++) {
                    Map<String, Object> body = Map.of("id", "m-" + i);
                    // a Paho publish right after another may find its in-flight window not yet freed (32202)
                    Awaitility.await("publishing " + body).atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(10)).ignoreExceptions().until(() -> {
                                client.publishJson("uk/killed/in", body, 1, null);
                                return true;
                            });
                    // killed once it has relayed some, while it has more to do; the rest is published meanwhile
                    if (beforeKill < 0 && outputs(client).size() >= 10) {
                        kill(consumer);
                        beforeKill = outputs(client).size();
                    }
                }
            } finally {
                kill(consumer);
            }
            try (UdlRuntime again = MqttApps.start(app, udl, dir, Map.of())) {
                Awaitility.await("every message at the output").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50)).until(() -> outputs(client).size() == MESSAGES);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                Set<String> missing = new java.util.TreeSet<>();
                for (int i = 1; i <= MESSAGES; i++) {
                    missing.add("m-" + i);
                }
                missing.removeAll(outputs(client));
                throw new AssertionError(beforeKill + " out before the kill; never out: " + missing, e);
            }
            assertThat(beforeKill).as("killed mid-stream, not after the last message").isBetween(10, MESSAGES - 1);
        }
    }

    private static void kill(Process consumer) throws InterruptedException {
        consumer.destroyForcibly();
        assertThat(consumer.waitFor(30, TimeUnit.SECONDS)).as("the consumer killed").isTrue();
    }

    private static Set<String> outputs(TestClient client) {
        Set<String> ids = new HashSet<>();
        List<TestClient.Got> got = client.received();
        got.forEach(g -> ids.add(g.id()));
        return ids;
    }

    /** Reads the child's output until it says the app runs (its log lines come before). */
    private static void awaitStarted(Process consumer) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(consumer.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (int lines = 0; lines < 10_000; lines++) {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("the consumer ended before it started: " + seen);
            }
            if (line.equals(KilledConsumerMain.STARTED)) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "consumer output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the consumer never said it started: " + seen);
    }
}
