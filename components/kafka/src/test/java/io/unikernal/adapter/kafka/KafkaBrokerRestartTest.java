package io.unikernal.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts in the middle of a stream: a route consumes one topic and produces to another on a private
 * broker, which is stopped while the route is in the middle of a poll's batch, kept down until the route's producer
 * has failed sends (its delivery timeout is short), and started again, while the sender goes on sending throughout.
 * The producer's metrics show failed sends, the route's retry sends them again, and in the end inputs = outputs +
 * dead letters, counted by id.
 */
class KafkaBrokerRestartTest {

    @TempDir
    Path workDir;

    @Test
    void aBrokerRestartMidStreamLosesNothingWhileSendingGoesOn() throws Exception {
        try (KafkaBroker broker = KafkaBroker.launch()) {
            String in = KafkaPeers.newTopic(broker, "stream-in", 1);
            String out = KafkaPeers.newTopic(broker, "stream-out", 1);
            String app = KafkaPeers.appName("restart");
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      orders: {adapter: kafka, brokers: "%s", topic: %s}
                      copies: {adapter: kafka, brokers: "%s", topic: %s}
                      parked: {adapter: contract-probe}
                    routes:
                      - name: copy
                        from: {system: orders, maxPollRecords: 100}
                        policy: {retry: {attempts: 100, initial: 100ms, max: 500ms}}
                        steps:
                          - to: {system: copies, key: id, deliveryTimeout: 1500ms}
                        deadLetter: parked
                    """.formatted(app, broker.bootstrap(), in, broker.bootstrap(), out);
            List<String> sent = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            double failedBefore = failedSends();
            double failedWhileDown;
            try (UdlRuntime running = KafkaApps.start(app, udl, workDir);
                    KafkaProducer<String, String> sender = KafkaPeers.producer(broker)) {
                send(sender, in, "before", 100, sent, sends);
                Awaitility.await("the route in the middle of the batch").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(5)).until(() -> endOffset(broker, out) >= 20);
                broker.stop();
                send(sender, in, "down", 50, sent, sends); // the sender goes on: its producer keeps them
                Awaitility.await("sends of the route failed while the broker is down").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20)).until(() -> failedSends() > failedBefore);
                failedWhileDown = failedSends();
                broker.start();
                send(sender, in, "after", 50, sent, sends);
                for (Future<RecordMetadata> send : sends) {
                    send.get(60, TimeUnit.SECONDS);
                }
                Awaitility.await("every record copied or dead-lettered").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(100)).until(() -> {
                            List<String> all = copied(broker, out);
                            all.addAll(KafkaApps.ids(app, "parked"));
                            return new HashSet<>(all).containsAll(sent);
                        });
            }
            List<String> copied = copied(broker, out);
            List<String> parked = KafkaApps.ids(app, "parked");
            // read while the app ran: its producer's metrics go with it
            assertThat(failedWhileDown).as("the route's producer failed sends (then the route sent them again)")
                    .isGreaterThan(failedBefore);
            assertThat(parked).as("dead letters: none, the retry outlasted the restart").isEmpty();
            List<String> all = new ArrayList<>(copied);
            all.addAll(parked);
            assertThat(new HashSet<>(all)).as("inputs = outputs + dead letters, by id")
                    .isEqualTo(new HashSet<>(sent));
            // at-least-once: a record whose offset commit was lost with the broker may be copied again
            System.out.println("copies: " + copied.size() + " of " + sent.size() + " records, repeated: "
                    + KafkaApps.repeated(copied).size());
        }
    }

    private static void send(KafkaProducer<String, String> sender, String topic, String phase, int count,
            List<String> sent, List<Future<RecordMetadata>> sends) {
        for (int i = 1; i <= count; i++) {
            String id = phase + "-" + i;
            sends.add(sender.send(new ProducerRecord<>(topic, id, StrictJson.write(Map.of("id", id, "n", i)))));
            sent.add(id);
        }
    }

    private static long endOffset(KafkaBroker broker, String topic) {
        try (org.apache.kafka.clients.admin.Admin admin = broker.admin()) {
            return KafkaApps.endOffset(admin, new org.apache.kafka.common.TopicPartition(topic, 0));
        }
    }

    private static List<String> copied(KafkaBroker broker, String topic) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> record : KafkaApps.records(broker, topic, 1)) {
            ids.add(String.valueOf(StrictJson.read(record.value(), Map.class).get("id")));
        }
        return ids;
    }

    /** Records the producers of this JVM gave up on (Kafka's producer metric record-error-total, over JMX). */
    private static double failedSends() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        double total = 0;
        for (ObjectName name : server.queryNames(new ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
            total += ((Number) server.getAttribute(name, "record-error-total")).doubleValue();
        }
        return total;
    }
}
