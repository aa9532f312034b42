package io.unikernal.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.PrivateS3;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A list answers every object under its prefix or glob, not S3's first page of 1000: the route pages after the last
 * key, in process and from the emitted YAML. A list matching more than its maxKeys fails the message with the reason instead of answering part of it.
 */
class S3ListPagingTest {

    private static final int OBJECTS = 1100;

    @TempDir
    Path workDir;

    @Test
    void listAnswersEveryPageAndRefusesMoreThanMaxKeys() throws Exception {
        PrivateS3 store = S3Stores.shared();
        String bucket = S3Stores.uniqueBucket("pages");
        String name = S3Apps.appName("pages");
        String udl = """
                udl: 8
                name: %s
                systems:
                  store: %s
                  lists: {adapter: contract-probe}
                  globs: {adapter: contract-probe}
                  capped: {adapter: contract-probe}
                  seen: {adapter: contract-probe}
                  parked: {adapter: contract-probe}
                routes:
                  - name: list
                    from: lists
                    steps:
                      - to: {system: store, operation: list, prefix: many/}
                      - to: seen
                  - name: glob
                    from: globs
                    steps:
                      - to: {system: store, operation: list, glob: "many/k-*9.json"}
                      - to: seen
                  - name: capped
                    from: capped
                    steps:
                      - to: {system: store, operation: list, prefix: many/, maxKeys: 1050}
                      - to: seen
                    deadLetter: parked
                """.formatted(name, S3Stores.system(store, bucket, null));
        try (S3System system = S3Stores.client(store, bucket)) {
            S3Client client = system.client();
            S3Stores.createBucket(client, bucket);
            List<String> keys = IntStream.range(0, OBJECTS).mapToObj(i -> "many/k-%04d.json".formatted(i)).toList();
            forAll(keys, key -> S3Stores.put(client, bucket, key, "{}", Map.of()));
            S3Stores.put(client, bucket, "other/k-1.json", "{}", Map.of());
            List<String> endingIn9 = keys.stream().filter(k -> k.endsWith("9.json")).toList();
            try {
                TwoWayRun.Outcomes<Boolean> runs = TwoWayRun.run("pages.udl.yaml", udl, ProbeApps.with(new S3Adapter()),
                        Map.of(), workDir, app -> {
                            ProducerTemplate producer = app.context().createProducerTemplate();
                            assertThat(listed(producer, name, "lists")).as("both pages, in key order, none twice")
                                    .containsExactlyElementsOf(keys);
                            assertThat(listed(producer, name, "globs")).as("the glob's matches on both pages")
                                    .hasSize(110).containsExactlyElementsOf(endingIn9);

                            Probes.forget(name);
                            producer.sendBody(Probes.feedUri(name, "capped"), Map.of("ask", "all"));
                            Awaitility.await("the refused list").atMost(Duration.ofSeconds(30))
                                    .pollInterval(Duration.ofMillis(20))
                                    .until(() -> !S3Apps.bodies(name, "parked").isEmpty());
                            assertThat(S3Apps.bodies(name, "seen")).as("no part of the list goes on").isEmpty();
                            assertThat(String.valueOf(S3Apps.bodies(name, "parked").get(0)))
                                    .contains("more than 1050 objects (maxKeys)");
                            producer.close();
                            return true;
                        });
                assertThat(runs.inProcess()).isTrue();
                assertThat(runs.emitted()).isTrue();
            } finally {
                forAll(keys, key -> client.deleteObject(b -> b.bucket(bucket).key(key)));
                S3Stores.dropBucket(client, bucket);
            }
        }
    }

    /** One call per key, eight at a time: two thousand one by one would take the store several seconds. */
    private static void forAll(List<String> keys, Consumer<String> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (String key : keys) {
                calls.add(pool.submit(() -> call.accept(key)));
            }
            for (Future<?> done : calls) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> listed(ProducerTemplate producer, String app, String feed) {
        Probes.forget(app);
        producer.sendBody(Probes.feedUri(app, feed), Map.of());
        Awaitility.await("the list").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> !S3Apps.bodies(app, "seen").isEmpty());
        List<?> objects = (List<?>) S3Apps.bodies(app, "seen").get(0);
        return objects.stream().map(o -> ((Map<?, ?>) o).get("key")).map(Object.class::cast).toList();
    }
}
