package io.unikernal.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * An S3 API server of a test's own: S3Proxy ({@code org.gaul:s3proxy}) in a child JVM on a free loopback port, with a
 * filesystem store under {@code target/private-servers/s3-*}, so objects survive a restart. S3Proxy runs in a JVM of
 * its own because it needs Jetty 11 while Camel and CXF use Jetty 12 under the same artifact names: its
 * self-contained jar (classifier {@code jar-with-dependencies}) is never on the test's class path. A module that uses
 * this copies the jar at build time and names it in the system property {@value #JAR_PROPERTY}.
 *
 * <p>Requests are signed (AWS signature v2 or v4) with {@link #accessKey()} and {@link #secretKey()}: a wrong key is
 * refused with 403 as by S3. {@link #stop()} kills the process and {@link #start()} runs it again on the same port and
 * folder; {@link #close()} stops it and deletes the folder.
 */
public final class PrivateS3 implements RestartableServer, AutoCloseable {

    /** The system property holding the path of S3Proxy's self-contained jar. */
    public static final String JAR_PROPERTY = "unikernal.s3proxy.jar";

    private final Path jar;
    private final Path dir;
    private final Path config;
    private final int port;
    private final String secretKey;
    private final Thread stopAtExit;
    private Process process;

    private PrivateS3(Path jar, Path dir) {
        this.jar = jar;
        this.dir = dir;
        this.config = dir.resolve("s3proxy.properties");
        this.port = FreePort.loopback();
        this.secretKey = "unikernal-test-secret-" + UUID.randomUUID();
        this.stopAtExit = new Thread(this::stop, "stop private s3 " + port);
    }

    /** Starts a fresh, empty server. */
    public static PrivateS3 launch() {
        PrivateS3 s3 = create();
        s3.start();
        return s3;
    }

    /** A fresh server, not started yet (for a test of a store that is down at start). */
    public static PrivateS3 create() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured == null || !Files.isRegularFile(Path.of(configured))) {
            throw new IllegalStateException("S3Proxy's jar is not at -D" + JAR_PROPERTY + "=" + configured
                    + ": the module's build copies it (maven-dependency-plugin, org.gaul:s3proxy"
                    + ":jar-with-dependencies)");
        }
        PrivateS3 s3 = new PrivateS3(Path.of(configured), Processes.freshDir("s3"));
        s3.writeConfig();
        Runtime.getRuntime().addShutdownHook(s3.stopAtExit);
        return s3;
    }

    private void writeConfig() {
        Path data = dir.resolve("data");
        try {
            Files.createDirectories(data);
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey(),
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.identity=local",
                    "jclouds.credential=local",
                    "jclouds.filesystem.basedir=" + data,
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a short-lived server: the quick compiler and a small heap start it in about a second
        process = Processes.start(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-DLOG_LEVEL=warn", "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-jar", jar.toString(), "--properties", config.toString()), dir.resolve("s3proxy.log"));
        Processes.awaitReady("S3Proxy on port " + port, process, dir.resolve("s3proxy.log"), this::answersHttp);
    }

    /** True once the server answers an HTTP request (anonymous, so refused with 403: it is up all the same). */
    private boolean answersHttp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(8);
            return new String(answer, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Kills the server process and waits until it is gone (its port then refuses connections). */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.end(process);
        process = null;
    }

    public int port() {
        return port;
    }

    /** The endpoint URL clients override the AWS endpoint with (path-style access). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The access key id the server knows. */
    public String accessKey() {
        return "unikernal-test-access";
    }

    /** The secret key of {@link #accessKey()}. */
    public String secretKey() {
        return secretKey;
    }

    /** The folder of the server's store, where each bucket is a folder. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    @Override
    public void close() {
        stop();
        Processes.discard(stopAtExit, dir);
    }

    @Override
    public String toString() {
        return "private S3Proxy on 127.0.0.1:" + port;
    }
}
