package io.unikernal.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.YamlEmitter;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kafka adapter's declarations and checks say about a UDL file, at the option's position with the fix; the
 * worked example parses and checks clean; and what a compiled app holds: the at-least-once consumer settings, the
 * idempotent producer, and no secret.
 */
class KafkaDeclarationsTest {

    @TempDir
    Path workDir;

    private static final String SYSTEMS_THEN_ROUTE = """
            udl: 8
            name: checks
            systems:
              events: %s
              out: {adapter: kafka, brokers: "127.0.0.1:9092", topic: out}
            routes:
              - name: move
                from: %s
                steps:
                  - to: %s
            """;

    private static List<String> problems(String events, String from, String to) {
        ParseResult result = new UdlParser(Adapters.installed()).parse("checks.udl.yaml",
                SYSTEMS_THEN_ROUTE.formatted(events, from, to));
        return result.problems().stream().map(UdlError::render).toList();
    }

    private static List<String> problems(String events) {
        return problems(events, "events", "out");
    }

    @Test
    void theWorkedExampleParsesAndChecksClean() throws Exception {
        String text;
        try (InputStream in = KafkaAdapter.class.getResourceAsStream("/META-INF/unikernal/examples/kafka.udl.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseResult result = new UdlParser(Adapters.installed()).parse("kafka.udl.yaml", text);
        assertThat(result.problems()).isEmpty();
        CompiledApp app = KafkaApps.compile("order-events", text, workDir);
        assertThat(app).isNotNull();
    }

    @Test
    void securityOptionsMustFitTheProtocol() {
        assertThat(problems("{adapter: kafka, brokers: \"h:9092\", topic: t, securityProtocol: SASL_SSL}"))
                .singleElement().asString().contains("checks.udl.yaml:4:").contains("[KAFKA-001]")
                .contains("securityProtocol SASL_SSL needs a user and password");
        assertThat(problems("{adapter: kafka, brokers: \"h:9092\", topic: t, user: u, password: \"${secret:P}\"}"))
                .singleElement().asString().contains("[KAFKA-002]").contains("securityProtocol: SASL_SSL");
        assertThat(problems("{adapter: kafka, brokers: \"h:9092\", topic: t, truststore: ca.p12}"))
                .singleElement().asString().contains("[KAFKA-003]").contains("truststore is only used with TLS");
        assertThat(problems("{adapter: kafka, brokers: \"h:9092\", topic: t, securityProtocol: SASL_PLAINTEXT,"
                + " user: u, password: plain-text}")).singleElement().asString().contains("password")
                .contains("${secret:");
    }

    @Test
    void namesAndAddressesAreChecked() {
        assertThat(problems("{adapter: kafka, brokers: \"h:9092?x=1\", topic: t}")).singleElement().asString()
                .contains("brokers").contains("host:port, comma-separated");
        assertThat(problems("{adapter: kafka, brokers: \"h:9092\", topic: \"a&b\"}")).singleElement().asString()
                .contains("topic").contains("a Kafka topic name");
        assertThat(problems("{adapter: kafka, brokers: \"h:9092\", topic: t}", "{system: events, groupId: \"g?\"}",
                "out")).singleElement().asString().contains("groupId");
    }

    @Test
    void timingsThatCannotWorkAreRefused() {
        String events = "{adapter: kafka, brokers: \"h:9092\", topic: t}";
        assertThat(problems(events, "{system: events, sessionTimeout: 3s, heartbeatInterval: 3s}", "out"))
                .singleElement().asString().contains("[KAFKA-005]")
                .contains("heartbeatInterval 3s must be shorter than sessionTimeout 3s");
        assertThat(problems(events, "events", "{system: out, deliveryTimeout: 10ms, linger: 20ms}"))
                .singleElement().asString().contains("[KAFKA-004]")
                .contains("deliveryTimeout 10ms must be longer than linger 20ms");
    }

    @Test
    void aKeyThatIsNoCelExpressionIsReportedAtItsPosition() {
        assertThat(problems("{adapter: kafka, brokers: \"h:9092\", topic: t}", "events", "{system: out, key: \"a +\"}"))
                .singleElement().asString().contains("checks.udl.yaml:10:").contains("expression does not parse");
    }

    @Test
    void twoRoutesOfOneGroupOnOneTopicClashButTwoGroupsDoNot() {
        String udl = """
                udl: 8
                name: twice
                systems:
                  events: {adapter: kafka, brokers: "127.0.0.1:9092", topic: t}
                  out: {adapter: kafka, brokers: "127.0.0.1:9092", topic: out}
                routes:
                  - name: one
                    from: %s
                    steps:
                      - to: out
                  - name: two
                    from: %s
                    steps:
                      - to: out
                """;
        Adapters adapters = Adapters.installed();
        assertThat(new UdlParser(adapters).parse("twice.udl.yaml", udl.formatted("events", "events")).problems())
                .singleElement().extracting(e -> e.code().tag()).isEqualTo("UDL-030");
        assertThat(new UdlParser(adapters).parse("twice.udl.yaml", udl.formatted("{system: events, groupId: a}",
                "{system: events, groupId: b}")).problems()).isEmpty();
    }

    @Test
    void theCompiledAppCommitsAfterTheRouteProducesIdempotentlyAndHoldsNoSecret() {
        System.setProperty("unikernal.secret.KAFKA_DECL_PASSWORD", "never-in-a-file");
        try {
            String udl = SYSTEMS_THEN_ROUTE.formatted("{adapter: kafka, brokers: \"127.0.0.1:9092\", topic: t,"
                    + " securityProtocol: SASL_PLAINTEXT, user: u, password: \"${secret:KAFKA_DECL_PASSWORD}\"}",
                    "{system: events, maxPollRecords: 50, pollTimeout: 200ms}", "{system: out, key: \"id\"}");
            CompiledApp app = KafkaApps.compile("checks", udl, workDir);
            String yaml = YamlEmitter.routesYaml(app);
            assertThat(yaml).contains("kafka:t?brokers=RAW(127.0.0.1:9092)", "groupId=RAW(checks)",
                    "autoCommitEnable=false", "allowManualCommit=true", "breakOnFirstError=true",
                    "kafkaManualCommitFactory=#bean:kafka-sync-commits", "maxPollRecords=RAW(50)",
                    "pollTimeoutMs=RAW(200)", "kafka:out?", "requestRequiredAcks=all", "enableIdempotence=true",
                    "{{secret:KAFKA_DECL_PASSWORD}}", "language: cel")
                    .doesNotContain("never-in-a-file");
        } finally {
            System.clearProperty("unikernal.secret.KAFKA_DECL_PASSWORD");
        }
    }
}
