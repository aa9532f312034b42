package io.unikernal.adapter.grpc;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost made by the JDK's keytool, written as PEM files: the
 * certificate ({@code cert.pem}) and its PKCS#8 key ({@code key.pem}).
 */
record SelfSigned(Path cert, Path key) {

    static SelfSigned make(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path store = dir.resolve("server.p12");
        String password = "changeit";
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password));
        Path cert = dir.resolve("cert.pem");
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-file", cert.toString()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        Key key = keys.getKey("server", password.toCharArray());
        Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new SelfSigned(cert, pem);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
