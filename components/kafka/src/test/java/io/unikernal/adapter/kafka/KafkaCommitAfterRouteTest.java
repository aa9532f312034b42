package io.unikernal.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offsets are committed only for records the route has finished (delivered or dead-lettered), never for records a
 * poll returned but the route has not reached. One poll returns the whole batch, some of whose records take a while
 * (retried before they are dead-lettered): while the route works through it nothing is committed. Then the app is
 * stopped in the middle of the batch — with a shutdown timeout of one second, so Camel stops the consumer instead of
 * letting it finish the batch (a graceful stop with time to spare finishes it first) — and the group's committed
 * offset is exactly the number of records the route finished. Started again, the app goes on from there: every
 * record sent is delivered or dead-lettered, counted by id, none twice. (The forced stop may interrupt the consumer
 * as it leaves its group; the restarted app then waits for the old member's session to end: a short one here.)
 */
class KafkaCommitAfterRouteTest {

    private static final int RECORDS = 40;

    @TempDir
    Path workDir;

    @Test
    void anAppStoppedMidBatchCommitsWhatItFinishedAndGoesOnFromThereWhenStartedAgain() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String in = KafkaPeers.newTopic(broker, "batch", 1);
        String app = KafkaPeers.appName("mid-batch");
        // every 4th record fails each try (100 / 0): three tries ~300 ms, then the dead letter
        String udl = """
                udl: 8
                name: %s
                systems:
                  orders: {adapter: kafka, brokers: "%s", topic: %s}
                  seen: {adapter: contract-probe}
                  parked: {adapter: contract-probe}
                routes:
                  - name: take
                    from: {system: orders, maxPollRecords: %d, sessionTimeout: 2s, heartbeatInterval: 500ms}
                    policy: {retry: {attempts: 3, initial: 100ms, max: 200ms}}
                    steps:
                      - transform: {set: {share: "100 / n"}}
                      - to: seen
                    deadLetter: parked
                """.formatted(app, broker.bootstrap(), in, RECORDS);
        List<String> sent = new ArrayList<>();
        Set<String> poisoned = new HashSet<>();
        try (KafkaProducer<String, String> producer = KafkaPeers.producer(broker)) {
            for (int i = 1; i <= RECORDS; i++) {
                String id = "rec-" + i;
                int n = i % 4 == 0 ? 0 : i;
                if (n == 0) {
                    poisoned.add(id);
                }
                producer.send(new ProducerRecord<>(in, id, StrictJson.write(Map.of("id", id, "n", n)))).get();
                sent.add(id);
            }
        }
        int finishedBeforeStop;
        List<long[]> samples = new ArrayList<>();
        try (UdlRuntime first = UdlRuntime.start(KafkaApps.compile(app, udl, workDir),
                Map.of("camel.main.shutdownTimeout", "1"))) {
            Awaitility.await("a part of the batch finished").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        long committedNow = KafkaApps.committed(broker, app, in);
                        samples.add(new long[] {committedNow, handled(app).size()});
                        return handled(app).size() >= 10;
                    });
        }
        assertThat(samples).as("(committed, finished) while the route worked through the batch: nothing committed")
                .allSatisfy(sample -> assertThat(sample[0]).isZero());
        finishedBeforeStop = handled(app).size();
        long committed = KafkaApps.committed(broker, app, in);
        assertThat(finishedBeforeStop).as("stopped in the middle of the batch").isLessThan(RECORDS);
        assertThat(committed).as("the committed offset: exactly the records the route finished")
                .isEqualTo(finishedBeforeStop);

        try (UdlRuntime second = KafkaApps.start(app, udl, workDir)) {
            Awaitility.await("every record delivered or dead-lettered").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20)).until(() -> new HashSet<>(handled(app)).containsAll(sent));
            Awaitility.await("every offset committed").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).until(() -> KafkaApps.committed(broker, app, in) == RECORDS);
        }
        List<String> delivered = KafkaApps.ids(app, "seen");
        List<String> deadLettered = KafkaApps.ids(app, "parked");
        assertThat(new HashSet<>(deadLettered)).as("dead letters: the poisoned records").isEqualTo(poisoned);
        assertThat(delivered).as("outputs + dead letters = inputs, by id, none twice")
                .hasSize(RECORDS - poisoned.size()).doesNotHaveDuplicates();
        assertThat(deadLettered).doesNotHaveDuplicates();
        List<String> all = new ArrayList<>(delivered);
        all.addAll(deadLettered);
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
    }

    /** The ids the route finished: delivered to seen or dead-lettered to parked. */
    private static List<String> handled(String app) {
        List<String> ids = new ArrayList<>(KafkaApps.ids(app, "seen"));
        ids.addAll(KafkaApps.ids(app, "parked"));
        return ids;
    }
}
