package io.unikernal.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.CompiledApp;
import io.unikernal.udl.error.UdlError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the adapters make of UDL: the worked examples, the endpoint URIs and beans, and the mistakes they report. */
class MqttUdlTest {

    @TempDir
    Path dir;

    private static String example(String adapter) throws IOException {
        try (InputStream in = MqttUdlTest.class.getResourceAsStream("/META-INF/unikernal/examples/" + adapter
                + ".udl.yaml")) {
            assertThat(in).as("the worked example of " + adapter).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mqtt", "mqtt3"})
    void theWorkedExampleParsesAndChecksWithNoProblem(String adapter) throws IOException {
        assertThat(MqttApps.parse(adapter, example(adapter)).problems()).isEmpty();
    }

    /**
     * A persistent subscription's client id is derived from the app and the route; the broker and the credentials
     * are the system's component bean, so no URI holds the password (only its placeholder, in the bean).
     */
    @Test
    void aSubscriptionKeepsItsSessionUnderADerivedClientIdAndNoUriHoldsThePassword() throws IOException {
        CompiledApp app = MqttApps.compile("mqtt", example("mqtt"), dir);
        RouteDefinition route = app.routes().get(0);
        assertThat(route.getInput().getEndpointUri()).isEqualTo("system.broker:sensors/+/temperature?qos=1"
                + "&clientId=RAW(sensor-alerts.temperatures)&cleanStart=false&sessionExpiryInterval=604800"
                + "&manualAcksEnabled=true");
        BeanFactoryDefinition<?> broker = app.beans().stream().filter(b -> b.getName().equals("system.broker"))
                .findFirst().orElseThrow();
        assertThat(broker.getType()).isEqualTo(Mqtt5Component.class.getName());
        assertThat(broker.getProperties()).containsEntry("brokerUrl", "tcp://127.0.0.1:1883")
                .containsEntry("userName", "sensors").containsEntry("password", "{{secret:MQTT_PASSWORD}}");
        String uris = app.routes().toString();
        assertThat(uris).contains("system.broker:alerts/temperature?qos=2&retained=true")
                .doesNotContain("password");
    }

    @Test
    void qos2TakesPahosOwnAcknowledgementAndACleanSessionNoClientId() throws IOException {
        CompiledApp app = MqttApps.compile("mqtt3", example("mqtt3"), dir);
        assertThat(app.routes()).extracting(r -> r.getInput().getEndpointUri()).containsExactly(
                "system.plant:plant/meters/#?qos=1&clientId=RAW(legacy-meters-archive)&cleanSession=false",
                "system.plant:plant/commands/pending?qos=1&cleanSession=true");
        CompiledApp v5 = MqttApps.compile("qos2", """
                udl: 8
                name: qos2
                systems:
                  my_broker: {adapter: mqtt, topic: "a/b%c"}
                  seen: {adapter: log}
                routes:
                  - name: exactly-once
                    from: {system: my_broker, qos: 2}
                    steps:
                      - to: seen
                """, dir);
        // '_' is no URI scheme character: the component is system.my.broker (no system name holds a '.')
        assertThat(v5.routes().get(0).getInput().getEndpointUri()).isEqualTo("system.my.broker:a/b%25c?qos=2"
                + "&clientId=RAW(qos2.exactly-once)&cleanStart=false&sessionExpiryInterval=604800"
                + "&manualAcksEnabled=false");
    }

    private static List<String> problems(String systems, String from, String to) {
        String udl = """
                udl: 8
                name: wrong
                systems:
                  %s
                  seen: {adapter: log}
                routes:
                  - name: take
                    from: %s
                    steps:
                      - to: %s
                """.formatted(systems, from, to);
        return MqttApps.parse("wrong", udl).problems().stream().map(UdlError::headline).toList();
    }

    @Test
    void mistakesAreReportedWhereTheyAreWritten() {
        assertThat(problems("broker: {adapter: mqtt}", "broker", "seen")).containsExactly(
                "wrong.udl.yaml:8:11: no topic for system 'broker' [MQTT-001]");
        assertThat(problems("broker: {adapter: mqtt3}", "{system: broker, topic: a}", "{system: broker}"))
                .containsExactly("wrong.udl.yaml:10:22: no topic for system 'broker' [MQTT3-001]");
        assertThat(problems("broker: {adapter: mqtt, topic: \"a/+\"}", "{system: broker, topic: b}", "broker")).containsExactly(
                "wrong.udl.yaml:4:34: topic 'a/+' holds a wildcard, but a message is published to one topic"
                        + " [MQTT-002]");
        assertThat(problems("broker: {adapter: mqtt}", "{system: broker, topic: a, sessionExpiry: \"${env:EXP}\"}",
                "seen")).containsExactly("wrong.udl.yaml:8:53: sessionExpiry is the reference ${env:EXP}, but the"
                        + " session's expiry is fixed when the app is compiled [MQTT-003]");
        assertThat(problems("broker: {adapter: mqtt}", "{system: broker, topic: \"a/#/b\"}", "seen"))
                .singleElement().asString().contains("[UDL-036]").contains("'#' only as the last level");
        assertThat(problems("broker: {adapter: mqtt}", "{system: broker, topic: a, qos: 3}", "seen"))
                .singleElement().asString().contains("[UDL-036]");
        assertThat(problems("broker: {adapter: mqtt3}", "{system: broker, topic: a, sessionExpiry: 1d}", "seen"))
                .singleElement().asString().contains("unknown option 'sessionExpiry'");
        assertThat(problems("broker: {adapter: mqtt, tls: false, truststore: ca.pem}", "{system: broker, topic: a}",
                "seen")).containsExactly("wrong.udl.yaml:4:32: tls is false, but a truststore or keystore is given"
                        + " [MQTT-004]");
        assertThat(problems("broker: {adapter: mqtt3, tls: \"${env:TLS}\"}", "{system: broker, topic: a}",
                "seen")).singleElement().asString().contains("tls is the reference ${env:TLS}").endsWith("[MQTT3-003]");
    }

    @Test
    void twoSubscriptionsUnderOneClientIdClashButTwoRoutesOnOneTopicDoNot() {
        String udl = """
                udl: 8
                name: twice
                systems:
                  broker: {adapter: mqtt, topic: readings}
                  seen: {adapter: log}
                routes:
                  - name: one
                    from: {system: broker, clientId: same}
                    steps: [{to: seen}]
                  - name: two
                    from: {system: broker, clientId: same}
                    steps: [{to: seen}]
                  - name: three
                    from: broker
                    steps: [{to: seen}]
                  - name: four
                    from: broker
                    steps: [{to: seen}]
                """;
        assertThat(MqttApps.parse("twice", udl).problems()).extracting(UdlError::headline).singleElement()
                .asString().contains("[UDL-030]").contains("mqtt topic 'readings' as client same");
    }
}
