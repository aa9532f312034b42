package io.unikernal.testkit.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of a test's own and the certificates it signs, written as PEM files (and PKCS12 stores) in
 * a folder the test owns: a server certificate for 127.0.0.1 and localhost, a client certificate for client
 * authentication, and an untrusted second CA to prove that trust is checked. EC P-256 keys, valid for a day; nothing
 * is fetched and nothing leaves the folder.
 */
public final class TestCertificates {

    /** The password of the PKCS12 stores this class writes. */
    public static final String STORE_PASSWORD = "changeit-test";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes a CA, a server and a client certificate (and a stranger CA) under {@code dir}. */
    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair caKeys = keys();
            X509Certificate ca = sign(new X500Name("CN=Unikernal Test CA"), caKeys, null, caKeys, true, null);
            KeyPair serverKeys = keys();
            X509Certificate server = sign(new X500Name("CN=127.0.0.1"), serverKeys, ca, caKeys, false,
                    KeyPurposeId.id_kp_serverAuth);
            KeyPair clientKeys = keys();
            X509Certificate client = sign(new X500Name("CN=unikernal-test-client"), clientKeys, ca, caKeys, false,
                    KeyPurposeId.id_kp_clientAuth);
            KeyPair strangerKeys = keys();
            X509Certificate stranger = sign(new X500Name("CN=Some Other CA"), strangerKeys, null, strangerKeys, true,
                    null);
            TestCertificates certs = new TestCertificates(dir);
            certs.pem("ca.pem", ca);
            certs.pem("other-ca.pem", stranger);
            certs.pem("server.pem", server);
            certs.pem("server-chain.pem", server, ca);
            certs.key("server-key.pem", serverKeys.getPrivate());
            certs.pem("client.pem", client);
            certs.key("client-key.pem", clientKeys.getPrivate());
            Files.writeString(dir.resolve("client-bundle.pem"), Files.readString(dir.resolve("client.pem"))
                    + Files.readString(dir.resolve("client-key.pem")));
            certs.trustStore("ca.p12", ca);
            certs.keyStore("server.p12", serverKeys.getPrivate(), server, ca);
            certs.keyStore("client.p12", clientKeys.getPrivate(), client, ca);
            return certs;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The CA's certificate (PEM): what a client trusts. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** A CA that signed nothing here (PEM): trusting it instead must fail the handshake. */
    public Path otherCaPem() {
        return dir.resolve("other-ca.pem");
    }

    /** The CA in a PKCS12 trust store ({@link #STORE_PASSWORD}). */
    public Path caP12() {
        return dir.resolve("ca.p12");
    }

    /** The server's certificate (PEM), for 127.0.0.1 and localhost. */
    public Path serverPem() {
        return dir.resolve("server.pem");
    }

    /** The server's certificate followed by the CA's (PEM). */
    public Path serverChainPem() {
        return dir.resolve("server-chain.pem");
    }

    /** The server's private key (unencrypted PKCS#8 PEM). */
    public Path serverKeyPem() {
        return dir.resolve("server-key.pem");
    }

    /** The server's key and certificate chain in a PKCS12 store ({@link #STORE_PASSWORD}). */
    public Path serverP12() {
        return dir.resolve("server.p12");
    }

    public Path clientPem() {
        return dir.resolve("client.pem");
    }

    public Path clientKeyPem() {
        return dir.resolve("client-key.pem");
    }

    /** The client's certificate and key in one PEM file. */
    public Path clientBundlePem() {
        return dir.resolve("client-bundle.pem");
    }

    /** The client's key and certificate chain in a PKCS12 store ({@link #STORE_PASSWORD}). */
    public Path clientP12() {
        return dir.resolve("client.p12");
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X509Certificate issuer,
            KeyPair issuerKeys, boolean isCa, KeyPurposeId purpose)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(
                issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        if (isCa) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(issuer));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (purpose == KeyPurposeId.id_kp_serverAuth) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
            }
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private void pem(String name, X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        Files.writeString(dir.resolve(name), text.toString());
    }

    private void key(String name, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        Files.writeString(dir.resolve(name), text.toString());
    }

    private void trustStore(String name, X509Certificate ca) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        save(store, name);
    }

    private void keyStore(String name, PrivateKey key, X509Certificate certificate, X509Certificate ca)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", key, STORE_PASSWORD.toCharArray(), new Certificate[] {certificate, ca});
        save(store, name);
    }

    private void save(KeyStore store, String name) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
    }
}
