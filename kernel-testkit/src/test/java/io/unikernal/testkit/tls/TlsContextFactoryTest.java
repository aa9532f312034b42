package io.unikernal.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.tls.TlsContextFactory;
import io.unikernal.runtime.tls.TlsSetupException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's TLS settings against a real TLS server on loopback (the JDK's, with certificates of the test's own
 * CA): trust from PEM and PKCS12 stores, a stranger CA and a certificate for another host refused, client authentication from a PEM bundle and a PKCS12
 * store, and one-line errors for a missing file or a wrong password that never show the password.
 */
class TlsContextFactoryTest {

    @TempDir
    static Path dir;

    private static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(dir.resolve("certs"));
    }

    @Test
    void trustsTheServerThroughAPemOrPkcs12TrustStore() throws Exception {
        assertThat(echo(client("PEM", certs.caPem(), null, null, null), false)).isEqualTo("ok");
        assertThat(echo(client("PKCS12", certs.caP12(), TestCertificates.STORE_PASSWORD, null, null), false))
                .isEqualTo("ok");
    }

    @Test
    void refusesAServerItsTrustStoreDoesNotVouchFor() {
        assertThatThrownBy(() -> echo(client("PEM", certs.otherCaPem(), null, null, null), false))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void refusesACertificateForAnotherHostEvenFromTheTrustedCa() throws Exception {
        // the server's certificate names 127.0.0.1 and localhost; 127.0.0.2 is loopback too, but another host
        assertThatThrownBy(() -> echo(client("PEM", certs.caPem(), null, null, null), false,
                InetAddress.getByName("127.0.0.2"))).isInstanceOf(SSLException.class)
                .hasMessageContaining("127.0.0.2");
    }

    @Test
    void authenticatesWithAPemBundleOrAPkcs12KeyStore() throws Exception {
        assertThat(echo(client("PEM", certs.caPem(), null, "PEM", certs.clientBundlePem()), true)).isEqualTo("ok");
        assertThat(echo(client("PEM", certs.caPem(), null, "PKCS12", certs.clientP12()), true)).isEqualTo("ok");
        assertThatThrownBy(() -> echo(client("PEM", certs.caPem(), null, null, null), true))
                .as("a server that wants a client certificate, and none given").isInstanceOf(Exception.class);
    }

    @Test
    void aMissingFileOrWrongPasswordIsOneLineWithoutThePassword() {
        TlsContextFactory missing = new TlsContextFactory();
        missing.setTruststore(dir.resolve("nowhere.pem").toString());
        missing.setTruststoreType("PEM");
        assertThatThrownBy(missing::sslContext).isInstanceOf(TlsSetupException.class)
                .hasMessage("truststore " + dir.resolve("nowhere.pem") + " does not exist");

        TlsContextFactory wrong = new TlsContextFactory();
        wrong.setTruststore(certs.caP12().toString());
        wrong.setTruststorePassword("not-the-password-42");
        assertThatThrownBy(wrong::sslContext).isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("cannot be read as PKCS12").hasMessageNotContaining("not-the-password-42");

        TlsContextFactory notPem = new TlsContextFactory();
        notPem.setTruststore(certs.caP12().toString());
        notPem.setTruststoreType("PEM");
        assertThatThrownBy(notPem::sslContext).isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("holds no -----BEGIN CERTIFICATE----- block");
    }

    private static SSLContext client(String trustType, Path trust, String trustPassword, String keyType, Path key) {
        TlsContextFactory factory = new TlsContextFactory();
        factory.setTruststore(trust.toString());
        factory.setTruststoreType(trustType);
        factory.setTruststorePassword(trustPassword);
        if (key != null) {
            factory.setKeystore(key.toString());
            factory.setKeystoreType(keyType);
            factory.setKeystorePassword("PKCS12".equals(keyType) ? TestCertificates.STORE_PASSWORD : null);
        }
        return factory.sslContext();
    }

    /** One TLS exchange with a JDK server of the test CA's certificate: it answers "ok" to "ping". */
    private static String echo(SSLContext client, boolean wantClientCert) throws Exception {
        return echo(client, wantClientCert, InetAddress.getLoopbackAddress());
    }

    private static String echo(SSLContext client, boolean wantClientCert, InetAddress host) throws Exception {
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(certs.serverP12())) {
            serverStore.load(in, TestCertificates.STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverStore, TestCertificates.STORE_PASSWORD.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), trustManagers(), null);
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1,
                host)) {
            server.setNeedClientAuth(wantClientCert);
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(10_000);
                    byte[] ping = socket.getInputStream().readNBytes(4);
                    if (new String(ping).equals("ping")) {
                        socket.getOutputStream().write("ok".getBytes());
                        socket.getOutputStream().flush();
                    }
                } catch (Exception e) {
                    // the client sees the failed handshake
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(host,
                    server.getLocalPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("ping".getBytes());
                out.flush();
                byte[] answer = socket.getInputStream().readNBytes(2);
                if (answer.length < 2) {
                    throw new SSLException("the server closed the connection");
                }
                return new String(answer);
            } finally {
                serving.get(15, TimeUnit.SECONDS);
            }
        }
    }

    private static javax.net.ssl.TrustManager[] trustManagers() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(certs.caP12())) {
            trust.load(in, TestCertificates.STORE_PASSWORD.toCharArray());
        }
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory.getTrustManagers();
    }
}
