package io.unikernal.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.PrivateS3;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The target's operations, chosen per use: put (the key from a CEL expression, the envelope as user metadata), get
 * (the route goes on with the object's content, JSON or with format: csv its rows), list by prefix and by glob, delete; and a key that would be run as
 * a Camel expression is refused.
 */
class S3OperationsTest {

    @TempDir
    Path workDir;

    @Test
    void putGetListByPrefixAndGlobAndDelete() throws Exception {
        PrivateS3 store = S3Stores.shared();
        String bucket = S3Stores.uniqueBucket("ops");
        String name = S3Apps.appName("ops");
        String udl = """
                udl: 8
                name: %s
                systems:
                  store: %s
                  puts: {adapter: contract-probe}
                  gets: {adapter: contract-probe}
                  csvs: {adapter: contract-probe}
                  lists: {adapter: contract-probe}
                  globs: {adapter: contract-probe}
                  deletes: {adapter: contract-probe}
                  seen: {adapter: contract-probe}
                  parked: {adapter: contract-probe}
                routes:
                  - name: put
                    from: puts
                    steps:
                      - to: {system: store, key: "'orders/' + id + '.json'"}
                      - to: seen
                    deadLetter: parked
                  - name: get
                    from: gets
                    steps:
                      - to: {system: store, operation: get, key: "'orders/' + id + '.json'"}
                      - to: seen
                  - name: get-csv
                    from: csvs
                    steps:
                      - to: {system: store, operation: get, key: "'tables/' + id + '.csv'", format: csv}
                      - to: seen
                  - name: list
                    from: lists
                    steps:
                      - to: {system: store, operation: list, prefix: orders/}
                      - to: seen
                  - name: glob
                    from: globs
                    steps:
                      - to: {system: store, operation: list, glob: "orders/*-2.json"}
                      - to: seen
                  - name: delete
                    from: deletes
                    steps:
                      - to: {system: store, operation: delete, key: "'orders/' + id + '.json'"}
                      - to: seen
                """.formatted(name, S3Stores.system(store, bucket, null));
        try (S3System system = S3Stores.client(store, bucket)) {
            S3Client client = system.client();
            S3Stores.createBucket(client, bucket);
            S3Stores.put(client, bucket, "elsewhere/x.json", "{}", Map.of());
            try (UdlRuntime running = S3Apps.start(name, udl, workDir);
                    ProducerTemplate producer = running.context().createProducerTemplate()) {
                for (String id : List.of("o-1", "o-2", "o-3")) {
                    producer.sendBodyAndHeader(Probes.feedUri(name, "puts"), Map.of("id", id, "amount", 7),
                            UdmHeaders.CORRELATION_ID, "corr-" + id);
                }
                Awaitility.await("three puts").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> S3Apps.bodies(name, "seen").size() == 3);
                assertThat(S3Stores.keys(client, bucket)).containsExactly("elsewhere/x.json", "orders/o-1.json",
                        "orders/o-2.json", "orders/o-3.json");
                assertThat(client.headObject(b -> b.bucket(bucket).key("orders/o-2.json")).metadata())
                        .containsEntry(S3Headers.CORRELATION_ID, "corr-o-2").containsKey(S3Headers.CREATED_AT);
                assertThat(S3Apps.bodies(name, "seen")).as("a put goes on with the payload")
                        .contains(Map.of("id", "o-1", "amount", 7L));

                Probes.forget(name);
                producer.sendBody(Probes.feedUri(name, "gets"), Map.of("id", "o-3"));
                Awaitility.await("the get").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !S3Apps.bodies(name, "seen").isEmpty());
                assertThat(S3Apps.bodies(name, "seen")).containsExactly(Map.of("id", "o-3", "amount", 7L));
                assertThat(Probes.recorded(name, "seen").get(0).headers()).containsEntry(S3Headers.KEY_HEADER,
                        "orders/o-3.json");

                // format: csv: the rows as objects of the cells' text
                S3Stores.put(client, bucket, "tables/t-1.csv", "sku,qty\nA-1,007\n\"B,2\",3\n", Map.of());
                Probes.forget(name);
                producer.sendBody(Probes.feedUri(name, "csvs"), Map.of("id", "t-1"));
                Awaitility.await("the csv get").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !S3Apps.bodies(name, "seen").isEmpty());
                assertThat(S3Apps.bodies(name, "seen")).containsExactly(List.of(Map.of("sku", "A-1", "qty", "007"),
                        Map.of("sku", "B,2", "qty", "3")));
                client.deleteObject(b -> b.bucket(bucket).key("tables/t-1.csv"));

                assertThat(listed(producer, name, "lists")).containsExactly("orders/o-1.json", "orders/o-2.json",
                        "orders/o-3.json");
                assertThat(listed(producer, name, "globs")).containsExactly("orders/o-2.json");

                Probes.forget(name);
                producer.sendBody(Probes.feedUri(name, "deletes"), Map.of("id", "o-1"));
                Awaitility.await("the delete").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !S3Apps.bodies(name, "seen").isEmpty());
                assertThat(S3Apps.bodies(name, "seen")).as("a delete goes on with the payload")
                        .containsExactly(Map.of("id", "o-1"));
                assertThat(S3Stores.keys(client, bucket)).containsExactly("elsewhere/x.json", "orders/o-2.json",
                        "orders/o-3.json");

                // a key holding "${" would be run as a Simple expression by Camel's producer: refused
                producer.sendBody(Probes.feedUri(name, "puts"), Map.of("id", "${sys:user.home}"));
                Awaitility.await("the refused put").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !S3Apps.bodies(name, "parked").isEmpty());
                assertThat(String.valueOf(S3Apps.bodies(name, "parked").get(0))).contains("holds '${'");
                assertThat(S3Stores.keys(client, bucket)).hasSize(3);
            } finally {
                S3Stores.dropBucket(client, bucket);
            }
        }
    }

    /** The keys a list route answered with. */
    private static List<Object> listed(ProducerTemplate producer, String app, String feed) {
        Probes.forget(app);
        producer.sendBody(Probes.feedUri(app, feed), Map.of());
        Awaitility.await("the list").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !S3Apps.bodies(app, "seen").isEmpty());
        List<?> objects = (List<?>) S3Apps.bodies(app, "seen").get(0);
        return objects.stream().map(o -> ((Map<?, ?>) o).get("key")).map(Object.class::cast).toList();
    }
}
