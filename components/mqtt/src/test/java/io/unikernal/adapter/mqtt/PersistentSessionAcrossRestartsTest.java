package io.unikernal.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.server.PrivateMosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * QoS 1 and 2 with a persistent session (the source's defaults, client id derived from app and route) on a private
 * Mosquitto: messages published while the app is running, while it is stopped, across a broker restart while the app
 * is stopped and across one while it runs (50 published just before the broker stops, so the consumer is mid-batch)
 * all arrive. Every fourth message fails the route's validate step and goes to the dead letter. Counted by id:
 * inputs = outputs + dead letters, none lost; at QoS 2 none twice, at QoS 1 a redelivery after a restart is allowed.
 */
class PersistentSessionAcrossRestartsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} QoS {2}")
    @CsvSource({"mqtt, 5, 1", "mqtt, 5, 2", "mqtt3, 3, 2"})
    void nothingIsLostOverAppAndBrokerRestarts(String adapter, String protocol, int qos) throws Exception {
        String app = MqttFixture.unique("session");
        String topic = "uk/session/" + app;
        try (PrivateMosquitto broker = PrivateMosquitto.launch();
                TestClient publisher = TestClient.connect(protocol, broker.url(), null, false)) {
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      broker: {adapter: %s, port: %d}
                      seen:   {adapter: contract-probe}
                      parked: {adapter: contract-probe}
                    schemas:
                      Reading:
                        version: 1
                        fields:
                          id:    {type: string, required: true}
                          value: {type: double, required: true}
                    routes:
                      - name: readings
                        from: {system: broker, topic: "%s", qos: %d}
                        steps:
                          - validate: Reading
                          - to: seen
                        deadLetter: parked
                    """.formatted(app, adapter, broker.port(), topic, qos);
            Sent sent = new Sent(publisher, topic, qos);
            try (UdlRuntime running = MqttApps.start(app, udl, dir, Map.of())) {
                sent.batch("running", 8);
                sent.awaitAll(app);
            }
            sent.batch("stopped", 8);
            broker.stop();
            broker.start();
            try (UdlRuntime running = MqttApps.start(app, udl, dir, Map.of())) {
                sent.awaitAll(app);
                sent.batch("mid-batch", 50);
                broker.stop();
                broker.start();
                sent.batch("after", 8);
                sent.awaitAll(app);
            }
            List<String> outputs = MqttApps.ids(app, "seen");
            List<String> deadLetters = MqttApps.ids(app, "parked");
            Set<String> arrived = new HashSet<>(outputs);
            arrived.addAll(deadLetters);
            assertThat(arrived).as("inputs = outputs + dead letters").isEqualTo(sent.ids.keySet());
            long invalid = sent.ids.values().stream().filter(valid -> !valid).count();
            assertThat(new HashSet<>(deadLetters)).as("the dead letters: the invalid inputs").hasSize((int) invalid)
                    .allMatch(id -> !sent.ids.get(id));
            assertThat(new HashSet<>(outputs)).as("the outputs: the valid inputs")
                    .hasSize(sent.ids.size() - (int) invalid).allMatch(sent.ids::get);
            if (qos == 2) {
                assertThat(outputs).as("QoS 2: none twice").doesNotHaveDuplicates();
                assertThat(deadLetters).as("QoS 2: none twice").doesNotHaveDuplicates();
            }
        }
    }

    /** What the test published: id → valid (every fourth message lacks its value and fails validation). */
    private static final class Sent {
        private final TestClient publisher;
        private final String topic;
        private final int qos;
        private final Map<String, Boolean> ids = new LinkedHashMap<>();

        Sent(TestClient publisher, String topic, int qos) {
            this.publisher = publisher;
            this.topic = topic;
            this.qos = qos;
        }

        /** Publishes {@code count} messages; after a broker restart the client first reconnects by itself. */
        void batch(String phase, int count) {
            for (int i = 1; i <= count; i++) {
                String id = phase + "-" + i;
                boolean valid = ids.size() % 4 != 3;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", id);
                if (valid) {
                    body.put("value", i * 1.5);
                }
                Awaitility.await("publishing " + id).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                            publisher.publishJson(topic, body, qos, null);
                            return true;
                        });
                ids.put(id, valid);
            }
        }

        void awaitAll(String app) {
            try {
                Awaitility.await("every message published so far, in seen or parked").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(50)).until(() -> missing(app).isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("never arrived: " + missing(app), e);
            }
        }

        private List<String> missing(String app) {
            Set<String> arrived = new HashSet<>(MqttApps.ids(app, "seen"));
            arrived.addAll(MqttApps.ids(app, "parked"));
            List<String> missing = new ArrayList<>(ids.keySet());
            missing.removeAll(arrived);
            return missing;
        }
    }
}
