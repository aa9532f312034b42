package io.unikernal.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.runtime.health.SystemHealth;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.PrivateS3;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An s3 system at start: a wrong access key or secret, an unknown host or a missing bucket fails the start with one
 * line naming the system and the cause; a store that is down is retried, reported DOWN, and the route that consumes
 * from it starts once the store is up.
 */
class S3StartTest {

    private static final Map<String, String> QUICK_RETRY = Map.of("unikernal.systems.retryInitial", "50ms",
            "unikernal.systems.retryMax", "200ms");

    @TempDir
    Path workDir;

    private static String app(String name, String system) {
        return """
                udl: 8
                name: %s
                systems:
                  store: %s
                  seen: {adapter: contract-probe}
                routes:
                  - name: take
                    from: {system: store, prefix: in/, pollInterval: 100ms}
                    steps:
                      - to: seen
                """.formatted(name, system);
    }

    private String startFailure(String system) {
        String name = S3Apps.appName("bad");
        Throwable failure = catchThrowable(() -> S3Apps.start(name, app(name, system), workDir).close());
        SystemStartException line = org.apache.camel.util.ObjectHelper.getException(SystemStartException.class,
                failure);
        assertThat(line).as("the kernel's one line, for %s", failure).isNotNull();
        return line.getMessage();
    }

    @Test
    void aWrongKeyAnUnknownHostOrAMissingBucketFailsTheStartWithOneLine() {
        PrivateS3 store = S3Stores.shared();
        String bucket = S3Stores.uniqueBucket("start");
        try (S3System client = S3Stores.client(store, bucket)) {
            S3Stores.createBucket(client.client(), bucket);
            String at = " at bucket " + bucket + " at " + store.endpoint();
            System.setProperty("unikernal.secret.S3_START_WRONG", "wrong-" + bucket);
            try {
                assertThat(startFailure("{adapter: s3, endpoint: \"" + store.endpoint() + "\", bucket: " + bucket
                        + ", pathStyle: true, accessKey: \"${secret:S3_START_WRONG}\", secretKey: \"${secret:"
                        + S3Stores.secretSecret(store) + "}\"}"))
                        .isEqualTo("system store (s3) cannot start: the store does not know the access key"
                                + " (InvalidAccessKeyId)" + at + " — check accessKey");
                assertThat(startFailure("{adapter: s3, endpoint: \"" + store.endpoint() + "\", bucket: " + bucket
                        + ", pathStyle: true, accessKey: \"${secret:" + S3Stores.accessSecret(store) + "}\","
                        + " secretKey: \"${secret:S3_START_WRONG}\"}"))
                        .isEqualTo("system store (s3) cannot start: the secret key does not match the access key"
                                + " (SignatureDoesNotMatch)" + at + " — check secretKey")
                        .doesNotContain("wrong-" + bucket);
            } finally {
                System.clearProperty("unikernal.secret.S3_START_WRONG");
                S3Stores.dropBucket(client.client(), bucket);
            }
            assertThat(startFailure(S3Stores.system(store, "unikernal-no-such-bucket", null)))
                    .startsWith("system store (s3) cannot start: no such bucket: bucket unikernal-no-such-bucket");
            assertThat(startFailure("{adapter: s3, endpoint: \"http://s3.unikernal.invalid:9000\", bucket: b1c,"
                    + " pathStyle: true, accessKey: \"${secret:" + S3Stores.accessSecret(store) + "}\", secretKey:"
                    + " \"${secret:" + S3Stores.secretSecret(store) + "}\"}"))
                    .isEqualTo("system store (s3) cannot start: unknown host s3.unikernal.invalid — check the host"
                            + " name");
        }
    }

    @Test
    void theProbeSaysDownForNowForAClosedPort() {
        int closed = FreePort.loopback();
        S3System system = new S3System();
        system.setEndpoint("http://127.0.0.1:" + closed);
        system.setBucket("some-bucket");
        system.setPathStyle(true);
        system.setAccessKey("a");
        system.setSecretKey("b");
        S3Probe probe = new S3Probe();
        probe.setSystem("store");
        probe.setAdapter("s3");
        probe.setClient(system);
        ProbeResult down = probe.check();
        system.close();
        assertThat(down.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(down.cause()).isEqualTo("cannot connect to bucket some-bucket at http://127.0.0.1:" + closed
                + " (Connection refused)");
    }

    @Test
    void aStoreDownAtStartIsRetriedReportedDownAndItsRouteStartsOnceItIsUp() throws Exception {
        try (PrivateS3 store = S3Stores.launch()) {
            String bucket = S3Stores.uniqueBucket("late");
            try (S3System client = S3Stores.client(store, bucket)) {
                S3Stores.createBucket(client.client(), bucket);
            }
            store.stop();
            String name = S3Apps.appName("late");
            try (UdlRuntime running = UdlRuntime.start(S3Apps.compile(name, app(name, S3Stores.system(store, bucket,
                    null)), workDir), QUICK_RETRY)) {
                CamelContext context = running.context();
                assertThat(context.getRouteController().getRouteStatus("take")).as("held while the store is down")
                        .isEqualTo(ServiceStatus.Stopped);
                HealthCheck.Result down = check(context);
                assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(down.getMessage()).hasValue("cannot connect to bucket " + bucket + " at "
                        + store.endpoint() + " (Connection refused)");
                store.start();
                Awaitility.await("its route started").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> context.getRouteController().getRouteStatus("take") == ServiceStatus.Started);
                try (S3System client = S3Stores.client(store, bucket)) {
                    S3Stores.put(client.client(), bucket, "in/late-1.json", "{\"id\": \"late-1\"}", Map.of());
                }
                Awaitility.await("the object").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> S3Apps.ids(name, "seen").contains("late-1"));
            }
        }
    }

    private static HealthCheck.Result check(CamelContext context) {
        SystemHealth health = context.getRegistry().lookupByNameAndType(SystemHealth.BEAN, SystemHealth.class);
        return health.getCheck("system:store").orElseThrow().call();
    }
}
