package io.unikernal.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.compile.YamlEmitter;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.PrivateMosquitto;
import io.unikernal.testkit.tls.TestCertificates;
import io.unikernal.testkit.tls.TestSecret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT over TLS with a private Mosquitto that has a TLS listener (certificates of the test's own CA) beside a plain
 * one, which the test's own client uses: the app consumes and publishes through the TLS listener with the CA from a
 * PEM truststore; a broker the truststore does not vouch for fails the start in one line; a listener that requires
 * client certificates takes the app's PKCS12 keystore, whose password is a secret no compiled file holds.
 */
class MqttTlsTest {

    @TempDir
    static Path certDir;

    private static TestCertificates certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(certDir.resolve("certs"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mqtt", "mqtt3"})
    void anAppConsumesAndPublishesOverTlsWithTheCaFromAPemTruststore(String adapter) throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.createTls(certs, false)) {
            broker.start();
            roundTrip(adapter, broker, "truststore: \"" + certs.caPem() + "\", truststoreType: PEM");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mqtt", "mqtt3"})
    void aBrokerTheTruststoreDoesNotVouchForFailsTheStartInOneLine(String adapter) {
        try (PrivateMosquitto broker = PrivateMosquitto.createTls(certs, false)) {
            broker.start();
            String app = MqttFixture.unique("tlsbad");
            String udl = app(app, adapter, broker, "truststore: \"" + certs.otherCaPem() + "\", truststoreType: PEM");
            Throwable failure = catchThrowable(() -> MqttApps.start(app, udl, dir, Map.of()).close());
            assertThat(startFailure(failure).getMessage()).isEqualTo("system broker (" + adapter + ") cannot start:"
                    + " TLS: the server's certificate is not signed by a CA the truststore holds — give the server's"
                    + " CA as truststore");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mqtt", "mqtt3"})
    void aListenerThatRequiresClientCertificatesTakesTheKeystore(String adapter) throws Exception {
        try (TestSecret password = TestSecret.of("UK_MQTT_KS", TestCertificates.STORE_PASSWORD);
                PrivateMosquitto broker = PrivateMosquitto.createTls(certs, true)) {
            broker.start();
            String tls = "truststore: \"" + certs.caPem() + "\", truststoreType: PEM, keystore: \"" + certs.clientP12()
                    + "\", keystorePassword: \"" + password.reference() + "\"";
            String yaml = YamlEmitter.routesYaml(MqttApps.compile("tlsdecl", app("tlsdecl", adapter, broker, tls),
                    dir));
            assertThat(yaml).contains(password.placeholder(), "ssl://127.0.0.1:" + broker.tlsPort())
                    .doesNotContain(TestCertificates.STORE_PASSWORD);
            roundTrip(adapter, broker, tls);
        }
    }

    /** A message the test publishes (plain listener) reaches the app over TLS, and the app's publish comes back. */
    private void roundTrip(String adapter, PrivateMosquitto broker, String tls)
            throws Exception {
        String protocol = adapter.equals("mqtt") ? "5" : "3";
        String app = MqttFixture.unique("tls");
        try (UdlRuntime running = MqttApps.start(app, app(app, adapter, broker, tls), dir, Map.of());
                TestClient client = TestClient.connect(protocol, broker.url(), null, false)) {
            client.subscribe("uk/" + app + "/out", 1);
            client.publishJson("uk/" + app + "/in", Map.of("id", "in-over-tls"), 1, null);
            Awaitility.await("the message consumed over TLS").atMost(Duration.ofSeconds(30))
                    .until(() -> MqttApps.ids(app, "seen").contains("in-over-tls"));
            MqttApps.feed(running, app, "feed", Map.of("id", "out-over-tls"));
            Awaitility.await("the message published over TLS").atMost(Duration.ofSeconds(30))
                    .until(() -> client.received().stream().anyMatch(g -> "out-over-tls".equals(g.id())));
        } finally {
            Probes.forget(app);
        }
    }

    private static String app(String app, String adapter, PrivateMosquitto broker, String tls) {
        return """
                udl: 8
                name: %s
                systems:
                  broker: {adapter: %s, port: %d, %s}
                  seen:   {adapter: contract-probe}
                  feed:   {adapter: contract-probe}
                routes:
                  - name: take
                    from: {system: broker, topic: uk/%s/in}
                    steps:
                      - to: seen
                  - name: give
                    from: feed
                    steps:
                      - to: {system: broker, topic: uk/%s/out}
                """.formatted(app, adapter, broker.tlsPort(), tls, app, app);
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
