package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.server.PrivateRabbitMq;
import io.unikernal.testkit.tls.TestCertificates;
import io.unikernal.testkit.tls.TestSecret;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RabbitMQ over TLS with a private node that has a TLS listener (certificates of the test's own CA) beside the plain
 * one the test's own client uses: a route consumes and publishes through the TLS listener with the CA from a PEM
 * truststore; a node the truststore does not vouch for fails the start in one line; a listener that requires client
 * certificates takes the app's PKCS12 keystore, whose password is a secret no compiled file holds.
 */
class RabbitMqTlsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path certDir;

    private static TestCertificates certs;
    private static PrivateRabbitMq node;

    @TempDir
    Path tmp;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startNode() {
        certs = TestCertificates.create(certDir.resolve("certs"));
        node = PrivateRabbitMq.createTls(certs, false);
        node.start();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void aRouteConsumesAndPublishesOverTlsWithTheCaFromAPemTruststore() throws Exception {
        roundTrip(node, "truststore: \"" + certs.caPem() + "\", truststoreType: PEM");
    }

    @Test
    void aNodeTheTruststoreDoesNotVouchForFailsTheStartInOneLine() {
        String udl = app(node, "truststore: \"" + certs.otherCaPem() + "\", truststoreType: PEM");
        Throwable failure = catchThrowable(() -> Apps.start("rmq-tls", udl, tmp).close());
        assertThat(startFailure(failure)).as("the start's failure: %s", failure).isNotNull()
                .extracting(Throwable::getMessage).isEqualTo("system broker (rabbitmq) cannot start: TLS: the"
                        + " server's certificate is not signed by a CA the truststore holds — give the server's CA"
                        + " as truststore");
    }

    @Test
    void aListenerThatRequiresClientCertificatesTakesTheKeystore() throws Exception {
        try (TestSecret password = TestSecret.of("UK_RMQ_KS", TestCertificates.STORE_PASSWORD);
                PrivateRabbitMq mutual = PrivateRabbitMq.createTls(certs, true)) {
            mutual.start();
            String tls = "truststore: \"" + certs.caPem() + "\", truststoreType: PEM, keystore: \"" + certs.clientP12()
                    + "\", keystorePassword: \"" + password.reference() + "\"";
            Adapters adapters = Adapters.installed();
            var compiled = new UdlCompiler(adapters).compile(new UdlParser(adapters).parse("rmq-tls.udl.yaml",
                    app(mutual, tls)).orThrow(), tmp, CompileOptions.DEFAULT);
            assertThat(YamlEmitter.routesYaml(compiled)).contains(password.placeholder())
                    .doesNotContain(TestCertificates.STORE_PASSWORD);
            roundTrip(mutual, tls);
        }
    }

    /** A message the test publishes on the plain listener reaches the route over TLS, and its publish comes back. */
    private void roundTrip(PrivateRabbitMq rabbit, String tls) throws Exception {
        try (Broker broker = new Broker(rabbit.port())) {
            broker.queue("t-in-" + id).queue("t-out-" + id);
            List<Received> out = broker.consume("t-out-" + id);
            try (UdlRuntime app = Apps.start("rmq-tls", app(rabbit, tls), tmp)) {
                broker.publish("", "t-in-" + id, "{\"id\": \"over-tls\"}", "corr-tls", Map.of());
                Awaitility.await("the message through the route over TLS").atMost(PATIENCE)
                        .until(() -> !out.isEmpty());
                assertThat(out.get(0).body()).isEqualTo(Map.of("id", "over-tls"));
                assertThat(out.get(0).correlationId()).isEqualTo("corr-tls");
            }
        }
    }

    private String app(PrivateRabbitMq rabbit, String tls) {
        return """
                udl: 8
                name: rmq-tls
                systems:
                  broker: {adapter: rabbitmq, port: %d, %s}
                routes:
                  - name: take
                    from: {system: broker, queue: t-in-%s}
                    steps:
                      - to: {system: broker, exchange: default, queue: t-out-%s}
                """.formatted(rabbit.tlsPort(), tls, id, id);
    }

    private static SystemStartException startFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SystemStartException start) {
                return start;
            }
        }
        return null;
    }
}
