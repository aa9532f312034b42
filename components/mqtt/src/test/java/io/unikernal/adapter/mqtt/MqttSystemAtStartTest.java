package io.unikernal.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.runtime.health.SystemHealth;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.PrivateMosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe's verdicts (both protocol versions) and what the kernel makes of them at start: a wrong credential or an
 * unknown host fails the start in one line naming the system; a broker that is down (nothing on the port) is retried,
 * reported DOWN, and its source route starts once it is up.
 */
class MqttSystemAtStartTest {

    private static final String USER = "uk-user";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static PrivateMosquitto guarded;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGuardedBroker() {
        guarded = PrivateMosquitto.create(USER, PASSWORD);
        guarded.start();
    }

    @AfterAll
    static void stopGuardedBroker() {
        guarded.close();
    }

    private static ProbeResult probe(String protocol, String url, String user, String password) {
        return "5".equals(protocol) ? MqttProbe.check5(url, user, password, null)
                : MqttProbe.check3(url, user, password, null);
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3"})
    void theProbeTellsUpFromDownForNowFromConfiguredWrong(String protocol) {
        assertThat(probe(protocol, MqttFixture.MACHINE_BROKER, null, null)).isEqualTo(ProbeResult.up());
        assertThat(probe(protocol, guarded.url(), USER, PASSWORD)).isEqualTo(ProbeResult.up());

        ProbeResult wrongPassword = probe(protocol, guarded.url(), USER, "wrong");
        assertThat(wrongPassword.isPermanent()).as(wrongPassword.toString()).isTrue();
        assertThat(wrongPassword.describe()).startsWith("the broker refused the login: ")
                .contains("at " + guarded.url()).endsWith("— check the user and password");
        assertThat(probe(protocol, guarded.url(), null, null).isPermanent()).as("anonymous where a login is needed")
                .isTrue();

        int closed = FreePort.loopback();
        ProbeResult refused = probe(protocol, "tcp://127.0.0.1:" + closed, null, null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(refused.cause()).contains("127.0.0.1:" + closed);

        ProbeResult unknown = probe(protocol, "tcp://broker.uk-test.invalid:1883", null, null);
        assertThat(unknown.describe()).isEqualTo("unknown host broker.uk-test.invalid — check the host name");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mqtt", "mqtt3"})
    void aWrongPasswordFailsTheStartInOneLineNamingTheSystem(String adapter) {
        String secret = "UK_MQTT_PW_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        System.setProperty("unikernal.secret." + secret, "wrong-" + PASSWORD);
        try {
            String app = MqttFixture.unique("badlogin");
            Throwable failure = catchThrowable(() -> MqttApps.start(app, """
                    udl: 8
                    name: %s
                    systems:
                      broker: {adapter: %s, port: %d, user: %s, password: "${secret:%s}"}
                      seen:   {adapter: contract-probe}
                    routes:
                      - name: take
                        from: {system: broker, topic: uk/badlogin}
                        steps:
                          - to: seen
                    """.formatted(app, adapter, guarded.port(), USER, secret), dir, Map.of()).close());
            SystemStartException start = startFailure(failure);
            assertThat(start.getMessage()).doesNotContain("\n").doesNotContain("wrong-" + PASSWORD)
                    .startsWith("system broker (" + adapter + ") cannot start: the broker refused the login: ")
                    .endsWith("— check the user and password");
        } finally {
            System.clearProperty("unikernal.secret." + secret);
        }
    }

    /** Nothing listens on the broker's port at start: the app starts, reports it DOWN, and consumes once it is up. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mqtt", "mqtt3"})
    void aBrokerDownAtStartIsRetriedReportedDownAndUsedOnceUp(String adapter) throws Exception {
        String protocol = adapter.equals("mqtt") ? "5" : "3";
        String app = MqttFixture.unique("down");
        try (PrivateMosquitto later = PrivateMosquitto.create(null, null)) {
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      broker: {adapter: %s, port: %d}
                      seen:   {adapter: contract-probe}
                      feed:   {adapter: contract-probe}
                      parked: {adapter: contract-probe}
                    routes:
                      - name: take
                        from: {system: broker, topic: uk/down/in}
                        steps:
                          - to: seen
                      - name: give
                        from: feed
                        steps:
                          - to: {system: broker, topic: uk/down/out}
                        deadLetter: parked
                    """.formatted(app, adapter, later.port());
            try (UdlRuntime running = MqttApps.start(app, udl, dir, Map.of("unikernal.systems.retryInitial", "100ms",
                    "unikernal.systems.retryMax", "500ms"))) {
                CamelContext context = running.context();
                HealthCheck.Result down = check(context, "broker");
                assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("127.0.0.1:"
                        + later.port()));
                assertThat(context.getRouteController().getRouteStatus("take")).isNotEqualTo(ServiceStatus.Started);
                // a publish while the broker is down fails (its publisher connects on first use) and is kept
                MqttApps.feed(running, app, "feed", Map.of("id", "while-down"));
                Awaitility.await("the failed publish in the dead letter").atMost(Duration.ofSeconds(30))
                        .until(() -> MqttApps.ids(app, "parked").contains("while-down"));
                later.start();
                Awaitility.await("the broker UP").atMost(Duration.ofSeconds(30))
                        .until(() -> check(context, "broker").getState() == HealthCheck.State.UP);
                Awaitility.await("the held route started").atMost(Duration.ofSeconds(30))
                        .until(() -> context.getRouteController().getRouteStatus("take") == ServiceStatus.Started);
                try (TestClient client = TestClient.connect(protocol, later.url(), null, false)) {
                    client.subscribe("uk/down/out", 1);
                    client.publishJson("uk/down/in", Map.of("id", "after-up"), 1, null);
                    Awaitility.await("the message once the broker is up").atMost(Duration.ofSeconds(30))
                            .until(() -> MqttApps.ids(app, "seen").contains("after-up"));
                    MqttApps.feed(running, app, "feed", Map.of("id", "published-after-up"));
                    Awaitility.await("the publish once the broker is up").atMost(Duration.ofSeconds(30))
                            .until(() -> client.received().stream().anyMatch(g -> "published-after-up"
                                    .equals(g.id())));
                }
            }
        } finally {
            Probes.forget(app);
        }
    }

    private static HealthCheck.Result check(CamelContext context, String system) {
        SystemHealth health = context.getRegistry().lookupByNameAndType(SystemHealth.BEAN, SystemHealth.class);
        return health.getCheck("system:" + system).orElseThrow().call();
    }

    private static SystemStartException startFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SystemStartException start) {
                return start;
            }
        }
        throw new AssertionError("not a system start failure", e);
    }
}
