package io.unikernal.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS settings of one system (the bean {@code system.<name>.tls}), as the shared TLS options of UDL declare them:
 * a trust store with the server's CA (PKCS12, JKS or PEM: a file of certificates) and, for client authentication, a
 * key store with this client's certificate and key (PKCS12, JKS or PEM: certificates and a PKCS#8 key, encrypted or
 * not). Passwords come from {@code {{secret:...}}} placeholders Camel resolves as it builds the bean. Without a trust
 * store the JVM's default trust applies; the JVM's defaults also limit the protocols (TLS 1.2 and 1.3 on Java 17).
 * Client sockets and engines of the context check that the server's certificate names the host (whatever the client
 * library asks for). Failures name the file and what is wrong with it, never a password.
 */
public class TlsContextFactory {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private static final long MAX_PEM_BYTES = 1 << 20;

    private String truststore;
    private String truststorePassword;
    private String truststoreType = "PKCS12";
    private String keystore;
    private String keystorePassword;
    private String keystoreType = "PKCS12";
    private String keyPassword;
    private volatile SSLContext context;
    private SSLContext plain;
    private KeyManagerFactory keys;
    private TrustManagerFactory trust;

    public void setTruststore(String truststore) {
        this.truststore = blankToNull(truststore);
    }

    public void setTruststorePassword(String truststorePassword) {
        this.truststorePassword = blankToNull(truststorePassword);
    }

    public void setTruststoreType(String truststoreType) {
        this.truststoreType = truststoreType == null ? "PKCS12" : truststoreType;
    }

    public void setKeystore(String keystore) {
        this.keystore = blankToNull(keystore);
    }

    public void setKeystorePassword(String keystorePassword) {
        this.keystorePassword = blankToNull(keystorePassword);
    }

    public void setKeystoreType(String keystoreType) {
        this.keystoreType = keystoreType == null ? "PKCS12" : keystoreType;
    }

    public void setKeyPassword(String keyPassword) {
        this.keyPassword = blankToNull(keyPassword);
    }

    /**
     * The SSL context of these settings, built once. Throws {@link TlsSetupException} with a one-line reason (the file
     * and what is wrong) when a store cannot be read.
     */
    public SSLContext sslContext() {
        SSLContext built = context;
        if (built == null) {
            synchronized (this) {
                built = context;
                if (built == null) {
                    built = new HostVerifyingContext(stores());
                    context = built;
                }
            }
        }
        return built;
    }

    /**
     * The context for a client of one server, for libraries that make their engine without naming the host
     * (camel-netty's client): its engines check the certificate against {@code host}. The same failures as
     * {@link #sslContext()}.
     */
    public SSLContext sslContextFor(String host, int port) {
        return new HostVerifyingContext(stores(), host, port);
    }

    /**
     * The key store's key managers, for libraries that take them rather than a context (Vert.x); null without a key
     * store. The same failures as {@link #sslContext()}.
     */
    public synchronized KeyManagerFactory keyManagerFactory() {
        stores();
        return keys;
    }

    /** The trust store's trust managers (as {@link #keyManagerFactory()}); null without a trust store. */
    public synchronized TrustManagerFactory trustManagerFactory() {
        stores();
        return trust;
    }

    private synchronized SSLContext stores() {
        if (plain == null) {
            plain = build();
        }
        return plain;
    }

    private SSLContext build() {
        try {
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore());
            }
            if (keystore != null) {
                char[] password = chars(keyPassword != null ? keyPassword : keystorePassword);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore(), password);
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private KeyStore trustStore() {
        if ("PEM".equalsIgnoreCase(truststoreType)) {
            try {
                KeyStore store = emptyStore();
                List<Certificate> cas = certificates(read(truststore, "truststore"));
                if (cas.isEmpty()) {
                    throw new TlsSetupException("truststore " + truststore + " holds no -----BEGIN CERTIFICATE-----"
                            + " block: give the PEM file of the server's CA", null);
                }
                int n = 0;
                for (Certificate certificate : cas) {
                    store.setCertificateEntry("ca-" + n++, certificate);
                }
                return store;
            } catch (GeneralSecurityException e) {
                throw new TlsSetupException("truststore " + truststore + " cannot be used: " + e.getMessage(), e);
            }
        }
        return load(truststore, truststoreType, truststorePassword, "truststore");
    }

    private KeyStore keyStore() {
        if (!"PEM".equalsIgnoreCase(keystoreType)) {
            return load(keystore, keystoreType, keystorePassword, "keystore");
        }
        String pem = read(keystore, "keystore");
        try {
            List<Certificate> chain = certificates(pem);
            if (chain.isEmpty()) {
                throw new TlsSetupException("keystore " + keystore + " holds no CERTIFICATE block: put this client's"
                        + " certificate (and its chain) in it, with its key", null);
            }
            KeyStore store = emptyStore();
            char[] password = chars(keyPassword != null ? keyPassword : keystorePassword);
            store.setKeyEntry("client", privateKey(pem), password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("keystore " + keystore + " cannot be used: " + e.getMessage(), e);
        }
    }

    private PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher m = PEM_BLOCK.matcher(pem);
        while (m.find()) {
            String kind = m.group(1);
            if (!kind.equals("PRIVATE KEY") && !kind.equals("ENCRYPTED PRIVATE KEY")) {
                if (kind.endsWith("PRIVATE KEY")) {
                    throw new TlsSetupException("keystore " + keystore + " holds a " + kind + " block: convert it to"
                            + " PKCS#8 (openssl pkcs8 -topk8 -in key.pem -out key8.pem)", null);
                }
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            PKCS8EncodedKeySpec spec;
            if (kind.equals("ENCRYPTED PRIVATE KEY")) {
                if (keyPassword == null && keystorePassword == null) {
                    throw new TlsSetupException("keystore " + keystore + " holds an encrypted key: give keyPassword",
                            null);
                }
                EncryptedPrivateKeyInfo info;
                try {
                    info = new EncryptedPrivateKeyInfo(der);
                } catch (IOException e) {
                    throw new TlsSetupException("keystore " + keystore + ": its ENCRYPTED PRIVATE KEY block is not"
                            + " PKCS#8", e);
                }
                char[] password = chars(keyPassword != null ? keyPassword : keystorePassword);
                SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
                spec = info.getKeySpec(factory.generateSecret(new PBEKeySpec(password)));
            } else {
                spec = new PKCS8EncodedKeySpec(der);
            }
            for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (InvalidKeySpecException e) {
                    // not this algorithm: try the next
                }
            }
            throw new TlsSetupException("keystore " + keystore + ": its private key is neither RSA, EC nor Ed25519",
                    null);
        }
        throw new TlsSetupException("keystore " + keystore + " holds no PRIVATE KEY block: put this client's PKCS#8"
                + " key in it, after its certificate", null);
    }

    private static List<Certificate> certificates(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> all = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                Collection<? extends Certificate> one = factory.generateCertificates(
                        new java.io.ByteArrayInputStream(der));
                all.addAll(one);
            }
        }
        return all;
    }

    private static KeyStore load(String file, String type, String password, String what) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            // a wrong password shows as an IOException whose cause is an UnrecoverableKeyException
            throw new TlsSetupException(what + " " + file + " cannot be read as " + type + " (wrong password or"
                    + " format?)", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(what + " " + file + " cannot be read as " + type + ": " + e.getMessage(), e);
        }
    }

    private static String read(String file, String what) {
        try {
            Path path = Path.of(file);
            if (Files.size(path) > MAX_PEM_BYTES) {
                throw new TlsSetupException(what + " " + file + " is larger than a PEM file of certificates and a key"
                        + " (" + MAX_PEM_BYTES + " bytes at most)", null);
            }
            // Latin-1 never fails to decode: a binary store given as PEM is reported as holding no PEM block
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new TlsSetupException(what + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create a key store", e);
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
