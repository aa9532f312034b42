package io.unikernal.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poisoned record — one the route fails on every time — is retried as often as the route's retry policy says,
 * then dead-lettered to a Kafka topic with its payload, reason and tries, and its offset is committed with the
 * others: the partition moves on, the records after it are delivered, and nothing is skipped without a trace.
 */
class KafkaPoisonRecordTest {

    @TempDir
    Path workDir;

    @Test
    void aPoisonedRecordIsRetriedThenDeadLetteredAndThePartitionMovesOn() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String in = KafkaPeers.newTopic(broker, "orders", 1);
        String out = KafkaPeers.newTopic(broker, "shipped", 1);
        String dlq = KafkaPeers.newTopic(broker, "rejected", 1);
        String app = KafkaPeers.appName("poison");
        String udl = """
                udl: 8
                name: %s
                systems:
                  orders: {adapter: kafka, brokers: "%s", topic: %s}
                  shipped: {adapter: kafka, brokers: "%s", topic: %s}
                  rejected: {adapter: kafka, brokers: "%s", topic: %s}
                routes:
                  - name: ship
                    from: {system: orders, maxPollRecords: 5}
                    policy: {retry: {attempts: 3, initial: 10ms, max: 20ms}}
                    steps:
                      - transform: {set: {share: "100 / n"}}
                      - to: {system: shipped, key: id}
                    deadLetter: rejected
                """.formatted(app, broker.bootstrap(), in, broker.bootstrap(), out, broker.bootstrap(), dlq);
        List<String> sent = new ArrayList<>();
        try (UdlRuntime running = KafkaApps.start(app, udl, workDir);
                KafkaProducer<String, String> producer = KafkaPeers.producer(broker)) {
            for (int i = 1; i <= 10; i++) {
                String id = "order-" + i;
                int n = i == 4 ? 0 : i; // 100 / 0 fails, every time
                producer.send(new ProducerRecord<>(in, id, StrictJson.write(Map.of("id", id, "n", n)))).get();
                sent.add(id);
            }
            Awaitility.await("every record's offset committed").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> KafkaApps.committed(broker, app, in) == 10);
        }
        List<ConsumerRecord<String, String>> shipped = KafkaApps.records(broker, out, 1);
        List<ConsumerRecord<String, String>> rejected = KafkaApps.records(broker, dlq, 1);
        assertThat(shipped).extracting(ConsumerRecord::key).as("delivered, in order, the poisoned one left out")
                .containsExactlyElementsOf(sent.stream().filter(id -> !id.equals("order-4")).toList());
        assertThat(rejected).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> record = StrictJson.read(rejected.get(0).value(), Map.class);
        assertThat(record).containsEntry("route", "ship").containsEntry("attempts", 3L);
        assertThat(String.valueOf(record.get("reason"))).contains("by zero");
        // the payload as it was received, for replay
        assertThat(StrictJson.read(String.valueOf(record.get("payload")), Map.class))
                .isEqualTo(Map.of("id", "order-4", "n", 0L));
    }
}
