package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.runtime.tls.TlsContextFactory;
import io.unikernal.testkit.server.PrivateNats;
import io.unikernal.testkit.tls.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS over TLS with a private nats-server that requires it (certificates of the test's own CA): a request answered
 * by a route through a TLS connection that trusts the CA from a PEM truststore; a server the truststore does not vouch
 * for fails the start in one line; a server that wants client certificates takes the app's PEM keystore, and refuses
 * an app without one (DOWN, with the likely reason).
 */
class NatsTlsTest {

    @TempDir
    static Path dir;

    private static TestCertificates certs;

    @TempDir
    Path workDir;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(dir.resolve("certs"));
    }

    @Test
    void aRouteAnswersOverTlsWithTheCaFromAPemTruststore() throws Exception {
        try (PrivateNats server = PrivateNats.createTls(certs, false)) {
            server.start();
            assertThat(server.url()).startsWith("tls://");
            String run = NatsTestServers.unique("TLS");
            String tls = "truststore: \"" + certs.caPem() + "\", truststoreType: PEM";
            try (NatsApp app = NatsApp.start(run, app(run, server, tls), workDir)) {
                assertThat(ask(server, run)).isEqualTo("{\"id\":\"over-tls\"}");
            }
        }
    }

    @Test
    void aServerTheTruststoreDoesNotVouchForFailsTheStartInOneLine() {
        try (PrivateNats server = PrivateNats.createTls(certs, false)) {
            server.start();
            String run = NatsTestServers.unique("TLSBAD");
            String tls = "truststore: \"" + certs.otherCaPem() + "\", truststoreType: PEM";
            assertThat(startFailure(run, app(run, server, tls))).isEqualTo("system requests (nats) cannot start: TLS:"
                    + " the server's certificate is not signed by a CA the truststore holds — give the server's CA as"
                    + " truststore");
        }
    }

    @Test
    void aServerThatWantsClientCertificatesTakesTheKeystoreAndRefusesAnAppWithout() throws Exception {
        try (PrivateNats server = PrivateNats.createTls(certs, true)) {
            server.start();
            String run = NatsTestServers.unique("MTLS");
            String trust = "truststore: \"" + certs.caPem() + "\", truststoreType: PEM";
            String keys = ", keystore: \"" + certs.clientBundlePem() + "\", keystoreType: PEM";
            try (NatsApp app = NatsApp.start(run, app(run, server, trust + keys), workDir)) {
                assertThat(ask(server, run)).isEqualTo("{\"id\":\"over-tls\"}");
            }
            // jnats reports the server's refusal (after the TLS 1.3 handshake) only as a timeout: the system is DOWN
            // with a cause that names the likely reason, and the app keeps checking it
            NatsSystemConnection bare = new NatsSystemConnection();
            bare.setServers(server.url());
            bare.setConnectTimeout("2s");
            TlsContextFactory trustOnly = new TlsContextFactory();
            trustOnly.setTruststore(certs.caPem().toString());
            trustOnly.setTruststoreType("PEM");
            bare.setTls(trustOnly);
            NatsProbe probe = new NatsProbe();
            probe.setSystem("requests");
            probe.setAdapter("nats");
            probe.setConnection(bare);
            try {
                ProbeResult down = probe.check();
                assertThat(down.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
                assertThat(down.cause()).contains("over TLS").contains("does the server want a client certificate");
            } finally {
                bare.close();
            }
        }
    }

    private static String app(String run, PrivateNats server, String tls) {
        return "udl: 8\nname: " + run + "\nsystems:\n"
                + "  requests: {adapter: nats, servers: \"" + server.url() + "\", subject: " + run + ".ask, " + tls
                + "}\n"
                + "routes:\n  - name: answer\n    from: requests\n    steps:\n      - transform: {set: {id: \"'over-tls'\"}}\n";
    }

    private String startFailure(String run, String udl) {
        Throwable failure = catchThrowable(() -> NatsApp.start(run, udl, workDir).close());
        Throwable line = failure;
        while (line != null && !(line instanceof SystemStartException)) {
            line = line.getCause();
        }
        assertThat(line).as("the start's failure: %s", failure).isNotNull();
        return line.getMessage();
    }

    /** A request by a TLS client of the test's own (with a client certificate, which either server takes). */
    private static String ask(PrivateNats server, String run) throws Exception {
        TlsContextFactory tls = new TlsContextFactory();
        tls.setTruststore(certs.caPem().toString());
        tls.setTruststoreType("PEM");
        tls.setKeystore(certs.clientBundlePem().toString());
        tls.setKeystoreType("PEM");
        Options options = new Options.Builder().server(server.url()).sslContext(tls.sslContext())
                .reportNoResponders().connectionTimeout(Duration.ofSeconds(5)).build();
        try (Connection client = Nats.connect(options)) {
            byte[] reply = client.request(run + ".ask", "{\"id\": \"asked\"}".getBytes(StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS).getData();
            return new String(reply, StandardCharsets.UTF_8);
        }
    }
}
