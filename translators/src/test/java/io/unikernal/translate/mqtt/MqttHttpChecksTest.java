package io.unikernal.translate.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MQTT <-> HTTP translations' checks at their file:line:col: their own, and the adapters' of their uses. */
class MqttHttpChecksTest {

    private static final String SYSTEMS = "udl: 8\nname: t\nsystems:\n"
            + "  broker: {adapter: mqtt}\n"
            + "  hooks: {adapter: http-client, url: \"http://127.0.0.1:9000\"}\n"
            + "  api: {adapter: http, port: 8080}\n";

    /** The translation's expose is on line 9, its target on line 10. */
    private static List<String> problems(String expose, String target) {
        String udl = SYSTEMS + "translations:\n  - name: t1\n    expose: " + expose + "\n    target: " + target + "\n";
        return new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream().map(UdlError::render)
                .toList();
    }

    @Test
    void bothDirectionsAsDocumentedHaveNoProblems() {
        assertThat(problems("{system: broker, protocol: mqtt, topic: \"sensors/+/t/#\", qos: 1, session: clean}",
                "{system: hooks, path: \"/s/{1}/{2}/{topic}\"}")).isEmpty();
        assertThat(problems("{system: api, protocol: rest, path: /devices}",
                "{system: broker, topic: \"devices/{path}\", qos: 2, retain: true}")).isEmpty();
        assertThat(problems("{system: api, protocol: rest, path: /devices}", "{system: broker}")).isEmpty();
    }

    @Test
    void aWebhookPathMustFitItsTopicFilter() {
        assertThat(problems("{system: broker, protocol: mqtt, topic: \"sensors/+\"}", "{system: hooks, path:"
                + " \"/s/{2}\"}")).singleElement().satisfies(p -> assertThat(p).startsWith("app.udl:10:")
                        .contains("[TRANSLATE-052]").contains("{2}").contains("1 wildcard"));
        assertThat(problems("{system: broker, protocol: mqtt, topic: \"sensors/+\"}", "{system: hooks, path:"
                + " \"/s/{name}\"}")).singleElement().satisfies(p -> assertThat(p).contains("[TRANSLATE-052]")
                        .contains("{name}"));
        assertThat(problems("{system: broker, protocol: mqtt, topic: \"sensors/+\"}", "{system: hooks, path:"
                + " \"/s/{1}?x=1\"}")).singleElement().satisfies(p -> assertThat(p).contains("[TRANSLATE-052]"));
    }

    @Test
    void eachDirectionIsExposedOnWhatServesItsProtocol() {
        assertThat(problems("{system: api, protocol: mqtt}", "{system: hooks}"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("[TRANSLATE-051]"));
        assertThat(problems("{system: broker, protocol: rest, topic: a}", "{system: broker, topic: b}"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("[TRANSLATE-003]"));
    }

    @Test
    void theMqttAdapterChecksTheUsesOfItsBroker() {
        assertThat(problems("{system: broker, protocol: mqtt}", "{system: hooks}")).as("a subscription names a topic")
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("[MQTT-001]"));
        assertThat(problems("{system: broker, protocol: mqtt, topic: a/b, qos: 3}", "{system: hooks}"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("qos"));
        assertThat(problems("{system: api, protocol: rest, path: /devices}", "{system: broker, topic: \"d/+/x\"}"))
                .as("a publish has no wildcard")
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("[MQTT-002]"));
        assertThat(problems("{system: api, protocol: rest, path: /devices}", "{system: broker, topic: \"d/{id}\"}"))
                .singleElement().satisfies(p -> assertThat(p).startsWith("app.udl:10:").contains("[TRANSLATE-053]")
                        .contains("{id}"));
    }
}
