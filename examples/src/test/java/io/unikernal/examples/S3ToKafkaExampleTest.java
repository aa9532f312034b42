package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.kafka.KafkaBroker;
import io.unikernal.adapter.s3.S3System;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.PrivateS3;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * examples/s3-to-kafka against S3Proxy (the testkit's {@link PrivateS3}, in a JVM of its own: it needs Jetty 11) and
 * a real Kafka broker in process (KRaft), in process and from the compiled YAML: every row of a CSV object dropped in
 * the bucket is a record of the lines topic keyed by its id, or a dead letter with the reason, the row as it was and
 * its index — counted by id — and the object moves to done/; an object that is not valid CSV moves to failed/ with the
 * reason and is rejected whole. The example's own file runs with its bucket and topics renamed for this run only.
 */
class S3ToKafkaExampleTest {

    private static KafkaBroker kafka;
    private static PrivateS3 s3;

    @TempDir
    Path tmp;

    private final String run = "uk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    static void startServers() {
        kafka = KafkaBroker.launch();
        s3 = PrivateS3.launch();
        System.setProperty("unikernal.secret.S3_ACCESS_KEY", s3.accessKey());
        System.setProperty("unikernal.secret.S3_SECRET_KEY", s3.secretKey());
    }

    @AfterAll
    static void stopServers() {
        System.clearProperty("unikernal.secret.S3_ACCESS_KEY");
        System.clearProperty("unikernal.secret.S3_SECRET_KEY");
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyRowIsARecordOrADeadLetterWithItsIndexAndTheObjectMovesOn() throws Exception {
        String bucket = "drop-" + run;
        Path udl = tmp.resolve("lines.udl.yaml");
        Files.writeString(udl, Files.readString(Path.of("s3-to-kafka/lines.udl.yaml"))
                .replace("http://127.0.0.1:9000", s3.endpoint()).replace("127.0.0.1:9092", kafka.bootstrap())
                .replace("bucket: order-drop", "bucket: " + bucket)
                .replace("topic: order-lines-rejected", "topic: " + run + "-rejected")
                .replace("topic: order-lines}", "topic: " + run + "-lines}").replace("name: s3-to-kafka", "name: " + run));
        try (S3System store = new S3System()) {
            store.setEndpoint(s3.endpoint());
            store.setBucket(bucket);
            store.setPathStyle(true);
            store.setAccessKey(s3.accessKey());
            store.setSecretKey(s3.secretKey());
            S3Client client = store.client();
            client.createBucket(CreateBucketRequest.builder().bucket(bucket).build());
            List<String> rounds = new ArrayList<>();
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
                String r = String.valueOf(rounds.size() + 1);
                rounds.add(r);
                String csv = "id,order,customer,sku,quantity,price\r\n"
                        + "L-" + r + "1,o-1,\"Smith, J.\",ABC-123,2,9.50\r\n"
                        + "L-" + r + "2,o-1,\"Smith, J.\",ABC-12,1,3.00\r\n"      // sku of the wrong shape
                        + "L-" + r + "3,o-2,\"Ann \"\"the\"\" Lee\",XYZ-999,12,0.99\r\n"
                        + "L-" + r + "4,o-2,\"Ann \"\"the\"\" Lee\",XYZ-998,0,1.00\r\n"  // quantity 0
                        + "L-" + r + "5,o-3,Bo,QRS-100,007,12.00\r\n";
                put(client, bucket, "incoming/lines-" + r + ".csv", csv);
                put(client, bucket, "incoming/broken-" + r + ".csv", "id,order\nL-" + r + "9,o-9\nL-" + r + "8,o-8,extra\n");

                Map<String, Map<?, ?>> published = new TreeMap<>();
                Map<String, Map<?, ?>> rejected = new TreeMap<>();
                List<Map<?, ?>> wholeFiles = new ArrayList<>();
                try (KafkaConsumer<String, String> consumer = KafkaReaders.consumer(kafka.bootstrap(),
                        run + "-reader-" + r)) {
                    consumer.subscribe(List.of(run + "-lines", run + "-rejected"));
                    Awaitility.await("every row published or rejected, the broken file rejected")
                            .atMost(Duration.ofSeconds(90)).until(() -> {
                                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                                    Map<?, ?> value = StrictJson.read(record.value(), Map.class);
                                    if (record.topic().endsWith("-lines")) {
                                        assertThat(record.key()).isEqualTo(value.get("id"));
                                        published.put(String.valueOf(value.get("id")), value);
                                    } else if (value.get("splitIndex") != null) {
                                        Map<?, ?> row = StrictJson.read(String.valueOf(value.get("payload")),
                                                Map.class);
                                        rejected.put(String.valueOf(row.get("id")), value);
                                    } else {
                                        wholeFiles.add(value);
                                    }
                                }
                                return published.keySet().stream().filter(id -> id.startsWith("L-" + r)).count()
                                        + rejected.keySet().stream().filter(id -> id.startsWith("L-" + r)).count()
                                        == 5 && wholeFiles.stream().anyMatch(f -> String.valueOf(f.get("payload"))
                                                .contains("L-" + r + "8"));
                            });
                }
                Awaitility.await("both objects settled").atMost(Duration.ofSeconds(30))
                        .until(() -> keys(client, bucket).containsAll(List.of("done/incoming/lines-" + r + ".csv",
                                "failed/incoming/broken-" + r + ".csv")));
                List<Object> seen = new ArrayList<>();
                seen.add(published.keySet().stream().filter(id -> id.startsWith("L-" + r))
                        .map(id -> id.replace("L-" + r, "L-")).toList());
                seen.add(rejected.keySet().stream().filter(id -> id.startsWith("L-" + r))
                        .map(id -> id.replace("L-" + r, "L-")).toList());
                Map<?, ?> first = published.get("L-" + r + "1");
                seen.add(List.of(first.get("customer"), ((Number) first.get("quantity")).longValue(),
                        ((Number) first.get("price")).doubleValue(), first.get("file")));
                Map<?, ?> fifth = published.get("L-" + r + "5");
                seen.add(((Number) fifth.get("quantity")).longValue());
                Map<?, ?> sku = rejected.get("L-" + r + "2");
                Map<?, ?> zero = rejected.get("L-" + r + "4");
                seen.add(List.of(((Number) sku.get("splitIndex")).intValue(), ((Number) zero.get("splitIndex"))
                        .intValue()));
                seen.add(List.of(String.valueOf(sku.get("details")).contains("sku"),
                        String.valueOf(zero.get("details")).contains("quantity")));
                seen.add(StrictJson.read(String.valueOf(zero.get("payload")), Map.class));
                Map<?, ?> broken = wholeFiles.stream().filter(f -> String.valueOf(f.get("payload"))
                        .contains("L-" + r + "8")).findFirst().orElseThrow();
                seen.add(String.valueOf(broken.get("reason")).contains("line 3: 3 cells, the header has 2"));
                seen.add(List.of(keys(client, bucket).stream().anyMatch(k -> k.startsWith("incoming/")),
                        client.headObject(HeadObjectRequest.builder().bucket(bucket)
                                .key("failed/incoming/broken-" + r + ".csv").build()).metadata()
                                .getOrDefault("unikernal-failure", "").contains("not valid CSV")));
                return seen;
            });
            assertThat(outcomes.inProcess()).containsExactly(
                    List.of("L-1", "L-3", "L-5"),
                    List.of("L-2", "L-4"),
                    List.of("Smith, J.", 2L, 9.5, "incoming/lines-1.csv"),
                    7L,
                    List.of(1, 3),
                    List.of(true, true),
                    Map.of("id", "L-14", "order", "o-2", "customer", "Ann \"the\" Lee", "sku", "XYZ-998",
                            "quantity", "0", "price", "1.00"),
                    true,
                    List.of(false, true));
            // the same outcome from the emitted YAML, but for the round's file name and ids
            for (int i : List.of(0, 1, 3, 4, 5, 7, 8)) {
                assertThat(outcomes.emitted().get(i)).as("outcome " + i).isEqualTo(outcomes.inProcess().get(i));
            }
            assertThat(outcomes.emitted().get(2)).isEqualTo(List.of("Smith, J.", 2L, 9.5, "incoming/lines-2.csv"));
            assertThat(((Map<?, ?>) outcomes.emitted().get(6)).get("id")).isEqualTo("L-24");
        }
    }

    private static void put(S3Client client, String bucket, String key, String content) {
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("text/csv").build(),
                RequestBody.fromString(content));
    }

    private static List<String> keys(S3Client client, String bucket) {
        List<String> keys = new ArrayList<>();
        client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build()).contents()
                .stream().map(S3Object::key).forEach(keys::add);
        return keys;
    }
}
