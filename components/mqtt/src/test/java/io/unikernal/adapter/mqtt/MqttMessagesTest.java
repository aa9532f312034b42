package io.unikernal.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.testing.JsonComparison;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What MQTT adds to a message, against the machine's Mosquitto with topics unique to each run: wildcard
 * subscriptions with the matched topic in a header, retained messages for a new subscriber, and (MQTT 5) the
 * envelope and user properties in both directions.
 */
class MqttMessagesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mqtt, 5", "mqtt3, 3"})
    void wildcardSubscriptionsSayWhichTopicMatched(String adapter, String protocol) throws Exception {
        String app = MqttFixture.unique("wild");
        String base = "uk/wild/" + run;
        String udl = """
                udl: 8
                name: %s
                systems:
                  broker: {adapter: %s, port: 1883}
                  level:  {adapter: contract-probe}
                  all:    {adapter: contract-probe}
                routes:
                  - name: one-level
                    from: {system: broker, topic: "%s/+/temperature", session: clean}
                    steps:
                      - to: level
                  - name: all-below
                    from: {system: broker, topic: "%s/#", session: clean}
                    steps:
                      - to: all
                """.formatted(app, adapter, base, base);
        try (UdlRuntime running = MqttApps.start(app, udl, dir, Map.of());
                TestClient publisher = TestClient.connect(protocol, MqttFixture.MACHINE_BROKER, null, false)) {
            publisher.publishJson(base + "/kitchen/temperature", Map.of("id", "k"), 1, null);
            publisher.publishJson(base + "/hall/temperature", Map.of("id", "h"), 1, null);
            publisher.publishJson(base + "/hall/humidity", Map.of("id", "x"), 1, null);
            Awaitility.await("all three below the base").atMost(PATIENCE)
                    .until(() -> MqttApps.recorded(app, "all").size() == 3);
            Awaitility.await("the two temperatures").atMost(PATIENCE)
                    .until(() -> MqttApps.recorded(app, "level").size() == 2);
            assertThat(MqttApps.recorded(app, "level")).extracting(r -> r.headers().get(MqttAdapter.TOPIC_HEADER))
                    .containsExactlyInAnyOrder(base + "/kitchen/temperature", base + "/hall/temperature");
            assertThat(MqttApps.recorded(app, "all")).extracting(r -> r.headers().get(MqttAdapter.TOPIC_HEADER))
                    .contains(base + "/hall/humidity");
            assertThat(MqttApps.recorded(app, "all")).allSatisfy(r -> {
                assertThat(r.headers()).containsEntry(MqttAdapter.QOS_HEADER, "1")
                        .containsEntry(MqttAdapter.RETAINED_HEADER, "false");
                assertThat(r.headers().keySet()).noneMatch(name -> name.startsWith("Camel"));
            });
        } finally {
            Probes.forget(app);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mqtt, 5", "mqtt3, 3"})
    void aRetainedMessageReachesASubscriberThatCameLater(String adapter, String protocol) throws Exception {
        String topic = "uk/retained/" + run;
        String writer = MqttFixture.unique("retain-writer");
        String reader = MqttFixture.unique("retain-reader");
        try {
            try (UdlRuntime running = MqttApps.start(writer, """
                    udl: 8
                    name: %s
                    systems:
                      feed:   {adapter: contract-probe}
                      broker: {adapter: %s, port: 1883}
                    routes:
                      - name: last-value
                        from: feed
                        steps:
                          - to: {system: broker, topic: "%s", retain: true}
                    """.formatted(writer, adapter, topic), dir, Map.of())) {
                MqttApps.feed(running, writer, "feed", Map.of("id", "last", "value", 21.5));
            }
            try (UdlRuntime running = MqttApps.start(reader, """
                    udl: 8
                    name: %s
                    systems:
                      broker: {adapter: %s, port: 1883}
                      seen:   {adapter: contract-probe}
                    routes:
                      - name: late
                        from: {system: broker, topic: "%s", session: clean}
                        steps:
                          - to: seen
                    """.formatted(reader, adapter, topic), dir, Map.of())) {
                Awaitility.await("the retained message").atMost(PATIENCE)
                        .until(() -> !MqttApps.recorded(reader, "seen").isEmpty());
                Probes.Record got = MqttApps.recorded(reader, "seen").get(0);
                assertThat(JsonComparison.differences(Map.of("id", "last", "value", 21.5), got.body())).isEmpty();
                assertThat(got.headers()).containsEntry(MqttAdapter.RETAINED_HEADER, "true");
            }
        } finally {
            // an empty retained message removes the topic's retained one from the machine's broker
            try (TestClient cleaner = TestClient.connect(protocol, MqttFixture.MACHINE_BROKER, null, false)) {
                cleaner.publish(topic, new byte[0], 1, true, null, Map.of());
            }
            Probes.forget(writer);
            Probes.forget(reader);
        }
    }

    /**
     * Out: the envelope as user properties, the correlation id as correlation data, content type JSON. In: user
     * properties as headers, correlation data as the correlation id; a Camel* user property steers nothing (here one
     * that names another topic for Camel's producer).
     */
    @Test
    void mqtt5CarriesTheEnvelopeAndUserPropertiesBothWays() throws Exception {
        String app = MqttFixture.unique("props");
        String out = "uk/props/" + run + "/out";
        String in = "uk/props/" + run + "/in";
        String relayed = "uk/props/" + run + "/relayed";
        String elsewhere = "uk/props/" + run + "/elsewhere";
        String udl = """
                udl: 8
                name: %s
                systems:
                  feed:   {adapter: contract-probe}
                  broker: {adapter: mqtt, port: 1883}
                  seen:   {adapter: contract-probe}
                schemas:
                  Reading:
                    version: 4
                    fields:
                      id:    {type: string, required: true}
                      value: {type: double}
                routes:
                  - name: publish
                    from: feed
                    steps:
                      - validate: Reading
                      - to: {system: broker, topic: "%s"}
                  - name: receive
                    from: {system: broker, topic: "%s", session: clean}
                    steps:
                      - to: seen
                  - name: relay
                    from: {system: broker, topic: "%s", session: clean}
                    steps:
                      - to: {system: broker, topic: "%s"}
                """.formatted(app, out, in, in + "/relay", relayed);
        try (TestClient watcher = TestClient.connect("5", MqttFixture.MACHINE_BROKER, null, false);
                UdlRuntime running = MqttApps.start(app, udl, dir, Map.of())) {
            watcher.subscribe(out, 1);
            watcher.subscribe(relayed, 1);
            watcher.subscribe(elsewhere, 1);
            MqttApps.feed(running, app, "feed", Map.of("id", "r1", "value", 3.5));
            Awaitility.await("the published reading").atMost(PATIENCE).until(() -> !watcher.received().isEmpty());
            TestClient.Got published = watcher.received().get(0);
            assertThat(published.topic()).isEqualTo(out);
            assertThat(JsonComparison.differences(Map.of("id", "r1", "value", 3.5), published.json())).isEmpty();
            assertThat(published.contentType()).isEqualTo("application/json");
            assertThat(published.userProperties()).containsEntry("UdmSchema", "Reading")
                    .containsEntry("UdmSchemaVersion", "4").containsEntry("UdmSource", "feed")
                    .containsKey("UdmCorrelationId");
            assertThat(published.correlationData()).isEqualTo(published.userProperties().get("UdmCorrelationId"));

            watcher.publish(in, "{\"id\": \"r2\"}".getBytes(StandardCharsets.UTF_8), 1, false, "corr-r2",
                    Map.of("site", "north", "UdmSchema", "Forged", "CamelPahoMqtt5OverrideTopic", elsewhere));
            Awaitility.await("the received reading").atMost(PATIENCE)
                    .until(() -> !MqttApps.recorded(app, "seen").isEmpty());
            Map<String, String> headers = MqttApps.recorded(app, "seen").get(0).headers();
            assertThat(headers).containsEntry("site", "north").containsEntry("UdmCorrelationId", "corr-r2")
                    .containsEntry(MqttAdapter.TOPIC_HEADER, in).doesNotContainKey("UdmSchema");
            assertThat(headers.keySet()).noneMatch(name -> name.startsWith("Camel"));

            watcher.publish(in + "/relay", "{\"id\": \"r3\"}".getBytes(StandardCharsets.UTF_8), 1, false, null,
                    Map.of("CamelPahoMqtt5OverrideTopic", elsewhere));
            Awaitility.await("the relayed reading").atMost(PATIENCE)
                    .until(() -> watcher.received().stream().anyMatch(g -> g.topic().equals(relayed)));
            assertThat(watcher.received()).extracting(TestClient.Got::topic).containsOnly(out, relayed);
        } finally {
            Probes.forget(app);
        }
    }

    /** A message that is not JSON fails the route like any other failure: it is kept in the dead letter. */
    @Test
    void aBodyThatIsNotJsonIsDeadLettered() throws Exception {
        String app = MqttFixture.unique("notjson");
        String topic = "uk/notjson/" + run;
        String udl = """
                udl: 8
                name: %s
                systems:
                  broker: {adapter: mqtt, port: 1883}
                  seen:   {adapter: contract-probe}
                  parked: {adapter: contract-probe}
                routes:
                  - name: take
                    from: {system: broker, topic: "%s", session: clean}
                    steps:
                      - to: seen
                    deadLetter: parked
                """.formatted(app, topic);
        try (UdlRuntime running = MqttApps.start(app, udl, dir, Map.of());
                TestClient publisher = TestClient.connect("5", MqttFixture.MACHINE_BROKER, null, false)) {
            publisher.publish(topic, "not json".getBytes(StandardCharsets.UTF_8), 1, false, null, Map.of());
            Awaitility.await("the dead letter").atMost(PATIENCE)
                    .until(() -> !MqttApps.recorded(app, "parked").isEmpty());
            assertThat(((Map<?, ?>) MqttApps.recorded(app, "parked").get(0).body()).get("payload"))
                    .isEqualTo("not json");
            assertThat(MqttApps.recorded(app, "seen")).isEmpty();
        } finally {
            Probes.forget(app);
        }
    }
}
