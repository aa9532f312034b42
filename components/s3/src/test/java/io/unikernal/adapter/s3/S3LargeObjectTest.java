package io.unikernal.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.server.PatternStream;
import io.unikernal.testkit.server.PrivateS3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A large object is streamed, never held whole: a 256 MiB object is read by an s3 source ({@code format: raw}) and
 * put under another key in 8 MiB parts by an app running in a child JVM whose whole heap is 96 MiB — a copy of the
 * object in memory could not fit, and the child dies on an OutOfMemoryError ({@code -XX:+ExitOnOutOfMemoryError}).
 * The copy has the original's length and SHA-256, and the original is deleted only once the put succeeded. And the
 * same for a stream a Java caller hands to a route, and for a raw get whose stream the route reads on.
 */
class S3LargeObjectTest {

    private static final long SIZE = 256L << 20;
    private static final String HEAP = "-Xmx96m";

    @TempDir
    Path workDir;

    @Test
    void aLargerObjectThanTheHeapIsCopiedInPartsByAStreamingRoute() throws Exception {
        PrivateS3 store = S3Stores.shared();
        String bucket = S3Stores.uniqueBucket("large");
        try (S3System system = S3Stores.client(store, bucket)) {
            S3Client client = system.client();
            S3Stores.createBucket(client, bucket);
            try {
                client.putObject(PutObjectRequest.builder().bucket(bucket).key("in/big.bin")
                        .contentType("application/octet-stream").build(),
                        RequestBody.fromContentProvider(() -> new PatternStream(SIZE), SIZE, "application/octet-stream"));
                String expected = sha256(new PatternStream(SIZE));
                Process child = startChild(store, StreamingCopyApp.class, bucket, workDir.resolve("app").toString());
                try {
                    Awaitility.await("the copy under out/ and the original gone").atMost(Duration.ofMinutes(4))
                            .pollInterval(Duration.ofMillis(250)).until(() -> {
                                assertThat(child.isAlive()).as("the child JVM (an OutOfMemoryError ends it); "
                                        + log()).isTrue();
                                return exists(client, bucket, "out/in/big.bin") && !exists(client, bucket,
                                        "in/big.bin");
                            });
                    assertThat(child.isAlive()).as("the child JVM after the copy; " + log()).isTrue();
                } finally {
                    child.getOutputStream().close();
                    if (!child.waitFor(60, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                    }
                }
                assertThat(client.headObject(HeadObjectRequest.builder().bucket(bucket).key("out/in/big.bin")
                        .build()).contentLength()).isEqualTo(SIZE);
                try (InputStream copy = client.getObject(GetObjectRequest.builder().bucket(bucket)
                        .key("out/in/big.bin").build())) {
                    assertThat(sha256(copy)).as("the copy's SHA-256").isEqualTo(expected);
                }
                assertThat(log()).doesNotContain("OutOfMemoryError").contains("max heap");
            } finally {
                S3Stores.dropBucket(client, bucket);
            }
        }
    }

    private Path logFile() {
        return workDir.resolve("child.log");
    }

    private String log() {
        try {
            List<String> lines = Files.exists(logFile()) ? Files.readAllLines(logFile()) : List.of();
            return "child log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "child log unreadable: " + e;
        }
    }

    /**
     * A stream handed to a route by a Java caller is put in parts (not cached whole where it enters the route), and a
     * raw get hands the next step, a put, a stream (not cached whole where the get answers it), in a child JVM of
     * 96 MiB.
     */
    @Test
    void aStreamHandedToARouteIsPutAndAGetIsReadOnWithoutHoldingTheObject() throws Exception {
        PrivateS3 store = S3Stores.shared();
        String bucket = S3Stores.uniqueBucket("upload");
        try (S3System system = S3Stores.client(store, bucket)) {
            S3Client client = system.client();
            S3Stores.createBucket(client, bucket);
            try {
                String expected = sha256(new PatternStream(SIZE));
                Process child = startChild(store, StreamingUploadApp.class, bucket, workDir.resolve("up").toString(),
                        String.valueOf(SIZE));
                child.getOutputStream().close();
                Awaitility.await("the child JVM to upload and copy").atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofMillis(250)).until(() -> !child.isAlive());
                assertThat(child.exitValue()).as("the child's exit code (an OutOfMemoryError ends it); " + log())
                        .isZero();
                assertThat(log()).doesNotContain("OutOfMemoryError").contains("max heap").contains("copied");
                for (String key : List.of("up/big.bin", "copy/big.bin")) {
                    try (InputStream put = client.getObject(GetObjectRequest.builder().bucket(bucket).key(key)
                            .build())) {
                        assertThat(sha256(put)).as("the SHA-256 of " + key).isEqualTo(expected);
                    }
                }
            } finally {
                S3Stores.dropBucket(client, bucket);
            }
        }
    }

    private Process startChild(PrivateS3 store, Class<?> app, String bucket, String... more) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dunikernal.secret.S3_BIG_ACCESS=" + store.accessKey(),
                "-Dunikernal.secret.S3_BIG_SECRET=" + store.secretKey(),
                "-cp", System.getProperty("java.class.path"), app.getName(), store.endpoint(), bucket));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
    }

    private static boolean exists(S3Client client, String bucket, String key) {
        try {
            client.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        in.close();
        return HexFormat.of().formatHex(digest.digest());
    }
}
