package io.unikernal.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.runtime.health.SystemHealth;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kafka system at start: a wrong host or credential fails the start with one line naming the system and the
 * cause; a broker that is down is retried with back-off, reported DOWN, and the route that consumes from it starts
 * once the broker is up. The probe's verdicts, one by one.
 */
class KafkaStartTest {

    private static final Map<String, String> QUICK_RETRY = Map.of("unikernal.systems.retryInitial", "50ms",
            "unikernal.systems.retryMax", "200ms");

    @TempDir
    Path workDir;

    private static String app(String name, String system) {
        return """
                udl: 8
                name: %s
                systems:
                  events: %s
                  seen: {adapter: contract-probe}
                routes:
                  - name: take
                    from: events
                    steps:
                      - to: seen
                """.formatted(name, system);
    }

    @Test
    void anUnknownHostFailsTheStartWithOneLine() {
        String udl = app("unknown-host", "{adapter: kafka, brokers: \"kafka.unikernal.invalid:9092\", topic: t}");
        assertThatThrownBy(() -> KafkaApps.start("unknown-host", udl, workDir).close())
                .satisfies(e -> assertThat(startFailure(e)).isNotNull().extracting(Throwable::getMessage)
                        .isEqualTo("system events (kafka) cannot start: unknown host kafka.unikernal.invalid"
                                + " — check the host names in brokers"));
    }

    @Test
    void aWrongPasswordFailsTheStartWithOneLineAndTheRightOnePasses() throws Exception {
        try (KafkaBroker broker = KafkaBroker.launchWithLogin("alice", "alice-secret")) {
            String topic = KafkaPeers.newTopic(broker, "login", 1);
            String system = "{adapter: kafka, brokers: \"" + broker.bootstrap() + "\", topic: " + topic
                    + ", securityProtocol: SASL_PLAINTEXT, user: alice, password: \"${secret:KAFKA_TEST_PASSWORD}\"}";
            System.setProperty("unikernal.secret.KAFKA_TEST_PASSWORD", "wrong-" + topic);
            try {
                assertThatThrownBy(() -> KafkaApps.start("login", app("login", system), workDir).close())
                        .satisfies(e -> assertThat(startFailure(e)).isNotNull().extracting(Throwable::getMessage)
                                .isEqualTo("system events (kafka) cannot start: authentication failed:"
                                        + " Authentication failed: Invalid username or password"
                                        + " — check the user, password and saslMechanism"));
                System.setProperty("unikernal.secret.KAFKA_TEST_PASSWORD", "alice-secret");
                try (UdlRuntime running = KafkaApps.start("login", app("login", system), workDir);
                        KafkaProducer<String, String> producer = KafkaPeers.producer(broker)) {
                    producer.send(new ProducerRecord<>(topic, "a", StrictJson.write(Map.of("id", "a-1")))).get();
                    Awaitility.await("the record through a SASL login").atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> KafkaApps.ids("login", "seen").contains("a-1"));
                }
            } finally {
                System.clearProperty("unikernal.secret.KAFKA_TEST_PASSWORD");
            }
        }
    }

    @Test
    void aBrokerDownAtStartIsRetriedReportedDownAndItsRouteStartsOnceItIsUp() throws Exception {
        try (KafkaBroker broker = KafkaBroker.launch()) {
            String topic = KafkaPeers.newTopic(broker, "late", 1);
            broker.stop();
            String name = KafkaPeers.appName("late");
            String udl = app(name, "{adapter: kafka, brokers: \"" + broker.bootstrap() + "\", topic: " + topic + "}");
            try (UdlRuntime running = UdlRuntime.start(KafkaApps.compile(name, udl, workDir), QUICK_RETRY)) {
                CamelContext context = running.context();
                assertThat(context.getRouteController().getRouteStatus("take")).as("held while the broker is down")
                        .isEqualTo(ServiceStatus.Stopped);
                HealthCheck.Result down = check(context, "events");
                assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(down.getMessage()).hasValue("cannot connect to " + broker.bootstrap()
                        + " (Connection refused)");
                broker.start();
                Awaitility.await("the system is up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> check(context, "events").getState() == HealthCheck.State.UP);
                Awaitility.await("its route started").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> context.getRouteController().getRouteStatus("take") == ServiceStatus.Started);
                try (KafkaProducer<String, String> producer = KafkaPeers.producer(broker)) {
                    producer.send(new ProducerRecord<>(topic, "x", StrictJson.write(Map.of("id", "late-1"))))
                            .get(60, TimeUnit.SECONDS);
                }
                Awaitility.await("the record").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> KafkaApps.ids(name, "seen").contains("late-1"));
            }
        }
    }

    @Test
    void theProbeSaysUpForABrokerAndDownForNowForAClosedPort() {
        KafkaBroker broker = KafkaBroker.shared();
        assertThat(probe(broker.bootstrap())).isEqualTo(ProbeResult.up());
        int closed = FreePort.loopback();
        ProbeResult down = probe("127.0.0.1:" + closed);
        assertThat(down.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(down.cause()).isEqualTo("cannot connect to 127.0.0.1:" + closed + " (Connection refused)");
        // the first broker that answers is enough
        assertThat(probe("127.0.0.1:" + closed + "," + broker.bootstrap())).isEqualTo(ProbeResult.up());
    }

    private static ProbeResult probe(String brokers) {
        KafkaSystem system = new KafkaSystem();
        system.setBrokers(brokers);
        KafkaProbe probe = new KafkaProbe();
        probe.setSystem("events");
        probe.setAdapter("kafka");
        probe.setClient(system);
        return probe.check();
    }

    private static HealthCheck.Result check(CamelContext context, String system) {
        SystemHealth health = context.getRegistry().lookupByNameAndType(SystemHealth.BEAN, SystemHealth.class);
        return health.getCheck("system:" + system).orElseThrow().call();
    }

    private static SystemStartException startFailure(Throwable e) {
        return org.apache.camel.util.ObjectHelper.getException(SystemStartException.class, e);
    }

}
