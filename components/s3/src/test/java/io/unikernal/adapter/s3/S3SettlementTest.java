package io.unikernal.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.server.PrivateS3;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * What becomes of consumed objects, decided only once their route is done: moved to the done prefix (or deleted)
 * after success; moved to the failed prefix, content kept and the reason in its metadata, after a failure — never
 * before the route finished, never deleted unread. Keys outside the prefix or glob are left alone.
 */
class S3SettlementTest {

    @TempDir
    Path workDir;

    private final PrivateS3 store = S3Stores.shared();
    private String bucket;
    private S3System system;
    private S3Client client;

    @BeforeEach
    void bucket() {
        bucket = S3Stores.uniqueBucket("settle");
        system = S3Stores.client(store, bucket);
        client = system.client();
        S3Stores.createBucket(client, bucket);
    }

    @AfterEach
    void drop() {
        S3Stores.dropBucket(client, bucket);
        system.close();
    }

    private String app(String name, String from, String steps, String policy) {
        return """
                udl: 8
                name: %s
                systems:
                  inbox: %s
                  seen: {adapter: contract-probe}
                  parked: {adapter: contract-probe}
                schemas:
                  Order:
                    version: 1
                    fields:
                      id: {type: string, required: true}
                      amount: {type: int, min: 0}
                routes:
                  - name: take
                    from: %s
                %s    steps:
                %s
                    deadLetter: parked
                """.formatted(name, S3Stores.system(store, bucket, null), from,
                policy == null ? "" : "    policy: " + policy + "\n", steps);
    }

    private void put(String key, String content) {
        S3Stores.put(client, bucket, key, content, Map.of());
    }

    @Test
    void aDeliveredObjectMovesToDoneAndAFailedOneToFailedWithItsReason() throws Exception {
        String name = S3Apps.appName("settle");
        put("in/good-1.json", "{\"id\": \"good-1\", \"amount\": 5}");
        put("in/bad-1.json", "{\"id\": \"bad-1\", \"amount\": -1}");
        put("in/broken.json", "{\"id\": ");
        put("other/untouched.json", "{\"id\": \"other\"}");
        String udl = app(name, "{system: inbox, prefix: in/, pollInterval: 100ms}",
                "      - validate: Order\n      - to: seen", null);
        try (UdlRuntime running = S3Apps.start(name, udl, workDir)) {
            Awaitility.await("each object settled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> S3Stores.keys(client, bucket).equals(List.of("done/in/good-1.json",
                            "failed/in/bad-1.json", "failed/in/broken.json", "other/untouched.json")));
            assertThat(S3Apps.ids(name, "seen")).containsExactly("good-1");
            assertThat(S3Apps.bodies(name, "parked")).hasSize(2);
        }
        HeadObjectResponse failed = client.headObject(b -> b.bucket(bucket).key("failed/in/bad-1.json"));
        assertThat(failed.metadata().get(S3Headers.FAILURE)).as("the reason kept with the object")
                .contains("failed after 1 try").contains("amount");
        assertThat(failed.metadata()).containsKey(S3Headers.FAILED_AT);
        assertThat(client.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key("failed/in/broken.json")
                .build()).asUtf8String()).as("a failed object's content, as it came").isEqualTo("{\"id\": ");
        assertThat(client.headObject(b -> b.bucket(bucket).key("failed/in/broken.json")).metadata()
                .get(S3Headers.FAILURE)).contains("JSON");
    }

    @Test
    void anObjectStaysInPlaceWhileItsRouteRetriesAndMovesOnlyOnceItFailed() throws Exception {
        String name = S3Apps.appName("retry");
        // every try of the route fails (the key it gets does not exist), for about two seconds of retries
        String udl = app(name, "{system: inbox, prefix: in/, pollInterval: 100ms}",
                "      - to: {system: inbox, operation: get, key: \"'missing/' + id\"}\n      - to: seen",
                "{retry: {attempts: 8, initial: 250ms, max: 250ms}}");
        try (UdlRuntime running = S3Apps.start(name, udl, workDir)) {
            put("in/slow-1.json", "{\"id\": \"slow-1\", \"amount\": 1}");
            Awaitility.await("the route on the object").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> running.context().getInflightRepository().size() > 0);
            assertThat(S3Stores.keys(client, bucket)).as("while the route retries").containsExactly("in/slow-1.json");
            Awaitility.await("the failed object moved").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> S3Stores.keys(client, bucket).equals(List.of("failed/in/slow-1.json")));
            assertThat(S3Apps.ids(name, "parked")).containsExactly("slow-1");
            assertThat(S3Apps.ids(name, "seen")).isEmpty();
        }
        assertThat(client.headObject(b -> b.bucket(bucket).key("failed/in/slow-1.json")).metadata()
                .get(S3Headers.FAILURE)).contains("failed after 8 tries");
    }

    @Test
    void afterReadDeleteDeletesOnlyDeliveredObjectsAndAGlobLeavesOtherKeysAlone() throws Exception {
        String name = S3Apps.appName("glob");
        put("in/a-1.json", "{\"id\": \"a-1\", \"amount\": 1}");
        put("in/a-2.json", "{\"id\": \"a-2\", \"amount\": -2}");
        put("in/notes.txt", "not an order");
        put("in/deeper/a-3.json", "{\"id\": \"a-3\", \"amount\": 3}");
        String udl = app(name, "{system: inbox, glob: \"in/*.json\", afterRead: delete, pollInterval: 100ms}",
                "      - validate: Order\n      - to: seen", null);
        try (UdlRuntime running = S3Apps.start(name, udl, workDir)) {
            Awaitility.await("the matching objects settled").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> S3Stores.keys(client, bucket).equals(List.of("failed/in/a-2.json",
                            "in/deeper/a-3.json", "in/notes.txt")));
            assertThat(S3Apps.ids(name, "seen")).containsExactly("a-1");
        }
    }
}
