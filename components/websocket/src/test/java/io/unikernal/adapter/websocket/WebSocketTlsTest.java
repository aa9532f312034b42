package io.unikernal.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.compile.YamlEmitter;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.runtime.tls.TlsContextFactory;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.tls.TestCertificates;
import io.unikernal.testkit.tls.TestSecret;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket over TLS (certificates of the test's own CA): a websocket system serves wss with its PKCS12 keystore
 * (a password no compiled file holds) to the JDK's WebSocket client trusting the CA, and nothing to a ws:// client;
 * a websocket-client writes to a Vert.x wss server its PEM truststore vouches for, and a server of a stranger CA fails
 * the start in one line.
 */
class WebSocketTlsTest {

    @TempDir
    static Path certDir;

    private static TestCertificates certs;
    /** The server's keystore password, as a secret. */
    private static TestSecret password;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(certDir.resolve("certs"));
        password = TestSecret.of("UK_WS_KS", TestCertificates.STORE_PASSWORD);
    }

    @AfterAll
    static void forgetThePassword() {
        password.close();
    }

    @Test
    void aWebSocketSystemServesWssWithTheKeystoresCertificate() throws Exception {
        int port = FreePort.loopback();
        String name = "ws-tls-" + UUID.randomUUID().toString().substring(0, 8);
        String udl = """
                udl: 8
                name: %s
                systems:
                  ws: {adapter: websocket, port: %d, path: /echo, keystore: "%s", keystorePassword: "%s"}
                  seen: {adapter: contract-probe}
                routes:
                  - name: echo
                    from: ws
                    steps:
                      - transform: {set: {echo: "id"}}
                      - to: seen
                """.formatted(name, port, certs.serverP12(), password.reference());
        assertThat(YamlEmitter.routesYaml(ProbeApps.compile(name, udl, tmp))).contains(password.placeholder())
                .doesNotContain(TestCertificates.STORE_PASSWORD);
        try (UdlRuntime app = UdlRuntime.start(ProbeApps.compile(name, udl, tmp), Map.of());
                WsClient client = WsClient.connect(URI.create("wss://127.0.0.1:" + port + "/echo"), trustingCa())) {
            client.text("{\"id\": \"over-wss\"}");
            assertThat(client.await(1)).containsExactly("{\"id\":\"over-wss\",\"echo\":\"over-wss\"}");
            assertThat(catchThrowable(() -> WsClient.connect(port, "/echo").close())).as("a plain ws:// client")
                    .isNotNull();
        } finally {
            Probes.forget(name);
        }
    }

    @Test
    void aWebSocketClientWritesToAWssServerItsTruststoreVouchesFor() throws Exception {
        try (WsServer server = wssServer()) {
            server.start();
            String name = "ws-tls-client-" + UUID.randomUUID().toString().substring(0, 8);
            try (UdlRuntime app = UdlRuntime.start(ProbeApps.compile(name, calling(name, server.url(), certs.caPem()),
                    tmp), Map.of())) {
                try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                    producer.sendBody(Probes.feedUri(name, "feed"), Map.of("id", "to-wss"));
                }
                Awaitility.await("the message at the wss server").atMost(WsClient.PATIENCE)
                        .until(() -> server.received.contains("{\"id\":\"to-wss\"}"));
            } finally {
                Probes.forget(name);
            }
        }
    }

    @Test
    void aWssServerTheTruststoreDoesNotVouchForFailsTheStartInOneLine() {
        try (WsServer server = wssServer()) {
            server.start();
            String name = "ws-tls-bad-" + UUID.randomUUID().toString().substring(0, 8);
            Throwable failure = catchThrowable(() -> UdlRuntime.start(ProbeApps.compile(name, calling(name,
                    server.url(), certs.otherCaPem()), tmp), Map.of()).close());
            Throwable line = failure;
            while (line != null && !(line instanceof SystemStartException)) {
                line = line.getCause();
            }
            assertThat(line).as("the start's failure: %s", failure).isNotNull();
            assertThat(line.getMessage()).isEqualTo("system peer (websocket-client) cannot start: TLS: the server's"
                    + " certificate is not signed by a CA the truststore holds — give the server's CA as truststore");
        }
    }

    @Test
    void tlsDeclarationsThatCannotWorkAreRefusedWhereTheyAreWritten() {
        assertThat(ProbeApps.problems(new WebSocketAdapter(), "  ws: {adapter: websocket, port: 8090, tls: true}\n",
                "to: ws")).singleElement().asString().contains("system ws serves wss but has no keystore")
                .endsWith("[WEBSOCKET-003]");
        assertThat(ProbeApps.problems(new WebSocketClientAdapter(), "  peer: {adapter: websocket-client, url:"
                + " \"ws://127.0.0.1:8090/in\", truststore: ca.pem}\n", "to: peer")).singleElement().asString()
                .contains("has a truststore or keystore but a ws:// URL").endsWith("[WSCLIENT-001]");
    }

    private static String calling(String name, String url, Path truststore) {
        return """
                udl: 8
                name: %s
                systems:
                  feed: {adapter: contract-probe}
                  peer: {adapter: websocket-client, url: "%s", truststore: "%s", truststoreType: PEM}
                routes:
                  - name: send
                    from: feed
                    steps:
                      - to: peer
                """.formatted(name, url, truststore);
    }

    /** Vert.x's own wss server with the test server certificate (PEM). */
    private static WsServer wssServer() {
        return new WsServer(FreePort.loopback(), "/in", new HttpServerOptions().setSsl(true).setKeyCertOptions(
                new PemKeyCertOptions().setCertPath(certs.serverPem().toString())
                        .setKeyPath(certs.serverKeyPem().toString())));
    }

    private static SSLContext trustingCa() {
        TlsContextFactory tls = new TlsContextFactory();
        tls.setTruststore(certs.caPem().toString());
        tls.setTruststoreType("PEM");
        return tls.sslContext();
    }
}
