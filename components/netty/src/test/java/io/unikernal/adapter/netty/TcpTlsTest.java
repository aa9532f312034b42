package io.unikernal.adapter.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.compile.YamlEmitter;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.tls.TlsContextFactory;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.tls.TestCertificates;
import io.unikernal.testkit.tls.TestSecret;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcp over TLS, with JDK TLS sockets as the peers (certificates of the test's own CA): a listener serves the
 * keystore's certificate (a PKCS12 store whose password is a secret no compiled file holds) and answers a TLS client,
 * not a plain one; a listener with a truststore wants a client certificate; a client reaches a TLS server its
 * truststore vouches for, and refuses one it does not (the message goes to the dead letter).
 */
class TcpTlsTest {

    @TempDir
    static Path certDir;

    private static TestCertificates certs;

    @TempDir
    Path dir;

    /** The apps' keystore password, as a secret. */
    private static TestSecret password;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(certDir.resolve("certs"));
        password = TestSecret.of("UK_TCP_KS", TestCertificates.STORE_PASSWORD);
    }

    @AfterAll
    static void forgetThePassword() {
        password.close();
    }

    private static String serverKeystore() {
        return "keystore: \"" + certs.serverP12() + "\", keystorePassword: \"" + password.reference() + "\"";
    }

    @Test
    void aListenerServesTheKeystoresCertificateToTlsClientsOnly() throws Exception {
        int port = FreePort.loopback();
        String name = NettyApps.name("tcp-tls");
        String udl = served(name, port, serverKeystore());
        try {
            assertThat(YamlEmitter.routesYaml(ProbeApps.compile(name, udl, dir))).contains("ssl=true",
                    password.placeholder()).doesNotContain(TestCertificates.STORE_PASSWORD);
            try (UdlRuntime app = UdlRuntime.start(ProbeApps.compile(name, udl, dir), Map.of())) {
                assertThat(ask(client(false).getSocketFactory().createSocket("127.0.0.1", port), "{\"n\": 21}"))
                        .isEqualTo("{\"n\":21,\"doubled\":42}");
                assertThat(ask(new Socket("127.0.0.1", port), "{\"n\": 1}")).as("a plain client's answer").isNull();
            }
        } finally {
            Probes.forget(name);
        }
    }

    @Test
    void aListenerWithATruststoreWantsAClientCertificateItsCaSigned() throws Exception {
        int port = FreePort.loopback();
        String name = NettyApps.name("tcp-mtls");
        String udl = served(name, port, serverKeystore() + ", truststore: \"" + certs.caPem()
                + "\", truststoreType: PEM");
        try (UdlRuntime app = UdlRuntime.start(ProbeApps.compile(name, udl, dir), Map.of())) {
            assertThat(ask(client(true).getSocketFactory().createSocket("127.0.0.1", port), "{\"n\": 2}"))
                    .isEqualTo("{\"n\":2,\"doubled\":4}");
            Throwable refused = catchThrowable(() -> assertThat(ask(client(false).getSocketFactory()
                    .createSocket("127.0.0.1", port), "{\"n\": 3}")).isNull());
            assertThat(refused).as("a client without a certificate").satisfiesAnyOf(
                    e -> assertThat(e).isNull(), e -> assertThat(e).isInstanceOf(IOException.class));
        } finally {
            Probes.forget(name);
        }
    }

    @Test
    void aClientReachesATlsServerItsTruststoreVouchesForAndRefusesOneItDoesNot() throws Exception {
        try (TlsLineServer server = new TlsLineServer(InetAddress.getLoopbackAddress())) {
            String name = NettyApps.name("tcp-tls-client");
            try (UdlRuntime app = UdlRuntime.start(ProbeApps.compile(name, calling(name, "127.0.0.1", server.port,
                    "truststore: \"" + certs.caPem() + "\", truststoreType: PEM"), dir), Map.of())) {
                feed(app, name, "trusted");
                NettyApps.await("the TLS server's answer", () -> Probes.recorded(name, "seen").size() == 1);
                assertThat(Probes.recorded(name, "seen").get(0).body()).isEqualTo(Map.of("id", "trusted",
                        "served", "over tls"));
            } finally {
                Probes.forget(name);
            }
            String stranger = NettyApps.name("tcp-tls-stranger");
            try (UdlRuntime app = UdlRuntime.start(ProbeApps.compile(stranger, calling(stranger, "127.0.0.1", server.port,
                    "truststore: \"" + certs.otherCaPem() + "\", truststoreType: PEM"), dir), Map.of())) {
                feed(app, stranger, "untrusted");
                NettyApps.await("the refused call in the dead letter",
                        () -> ProbeApps.ids(stranger, "parked").contains("untrusted"));
                assertThat(Probes.recorded(stranger, "seen")).isEmpty();
            } finally {
                Probes.forget(stranger);
            }
        }
    }

    /** camel-netty makes its client engine without the host: the system's context names it, so it is checked. */
    @Test
    void aClientRefusesACertificateForAnotherHost() throws Exception {
        try (TlsLineServer server = new TlsLineServer(InetAddress.getByName("127.0.0.2"))) {
            String name = NettyApps.name("tcp-tls-host");
            try (UdlRuntime app = UdlRuntime.start(ProbeApps.compile(name, calling(name, "127.0.0.2", server.port,
                    "truststore: \"" + certs.caPem() + "\", truststoreType: PEM"), dir), Map.of())) {
                feed(app, name, "misnamed");
                NettyApps.await("the refused call in the dead letter",
                        () -> ProbeApps.ids(name, "parked").contains("misnamed"));
                assertThat(Probes.recorded(name, "seen")).isEmpty();
            } finally {
                Probes.forget(name);
            }
        }
    }

    @Test
    void tlsDeclarationsThatCannotWorkAreRefusedWhereTheyAreWritten() {
        TcpAdapter tcp = new TcpAdapter();
        assertThat(ProbeApps.problems(tcp, "  t: {adapter: tcp, port: 7000, tls: false, truststore: ca.pem}\n",
                "to: t")).singleElement().asString().contains("tls is false, but a truststore").endsWith("[TCP-005]");
        String listener = "udl: 8\nname: app\nsystems:\n  t: {adapter: tcp, port: 7000, tls: true}\n"
                + "  seen: {adapter: contract-probe}\nroutes:\n  - name: r\n    from: t\n    steps:\n      - to: seen\n";
        assertThat(new UdlParser(ProbeApps.with(tcp)).parse("app.udl", listener).problems())
                .extracting(UdlError::headline).singleElement().asString()
                .contains("system t listens with TLS but has no keystore").endsWith("[TCP-006]");
    }

    private static String served(String name, int port, String tls) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  lines: {adapter: tcp, port: " + port + ", " + tls + "}\n"
                + "  seen: {adapter: contract-probe}\n"
                + "routes:\n  - name: serve\n    from: lines\n    steps:\n"
                + "      - transform: {set: {doubled: \"n * 2\"}}\n      - to: seen\n";
    }

    private static String calling(String name, String host, int port, String tls) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  feed: {adapter: contract-probe}\n  seen: {adapter: contract-probe}\n"
                + "  parked: {adapter: contract-probe}\n"
                + "  ask: {adapter: tcp, host: \"" + host + "\", port: " + port + ", " + tls + "}\n"
                + "routes:\n  - name: call\n    from: feed\n    policy: {timeout: 5s}\n    steps:\n"
                + "      - to: ask\n      - to: seen\n    deadLetter: parked\n";
    }

    private static void feed(UdlRuntime app, String name, String id) throws IOException {
        try (ProducerTemplate producer = app.context().createProducerTemplate()) {
            producer.sendBody(Probes.feedUri(name, "feed"), Map.of("id", id));
        }
    }

    /** A TLS client trusting the test CA; with {@code certificate} it shows the client certificate. */
    private static SSLContext client(boolean certificate) {
        TlsContextFactory tls = new TlsContextFactory();
        tls.setTruststore(certs.caPem().toString());
        tls.setTruststoreType("PEM");
        if (certificate) {
            tls.setKeystore(certs.clientBundlePem().toString());
            tls.setKeystoreType("PEM");
        }
        return tls.sslContext();
    }

    /** Writes one line and reads the answer line; null when the connection ends without one. */
    private static String ask(Socket socket, String line) throws IOException {
        try (socket) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        } catch (java.net.SocketException closed) {
            return null;
        }
    }

    /** A JDK TLS server with the test server certificate: answers each line {"id": X} with {"id": X, "served": ...}. */
    private static final class TlsLineServer implements AutoCloseable {
        final ServerSocket socket;
        final int port;
        private final Thread thread;

        TlsLineServer(InetAddress address) throws IOException {
            TlsContextFactory tls = new TlsContextFactory();
            tls.setKeystore(certs.serverP12().toString());
            tls.setKeystorePassword(TestCertificates.STORE_PASSWORD);
            socket = tls.sslContext().getServerSocketFactory().createServerSocket(0, 10, address);
            port = socket.getLocalPort();
            thread = new Thread(this::serve, "tls line server " + port);
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket peer = socket.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(),
                            StandardCharsets.UTF_8));
                    OutputStream out = peer.getOutputStream();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String id = line.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                        out.write(("{\"id\":\"" + id + "\",\"served\":\"over tls\"}\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException refusedOrClosed) {
                    // a client that refused the certificate, or the server closing: take the next one
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
