package io.unikernal.translate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka <-> RabbitMQ bridge end to end, against the in-process KRaft broker and the machine's RabbitMQ, in
 * process and from the emitted Camel YAML: every message in comes out once, counted by id, its correlation id
 * carried; a record the bridge cannot take is dead-lettered with its reason while the others flow.
 */
class KafkaRabbitMqBridgeTest {

    private static final int N = 20;
    @RegisterExtension
    static final KafkaPerClass kafka = new KafkaPerClass();

    @TempDir
    Path workDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    @RegisterExtension
    final MachineRabbitMq rabbit = new MachineRabbitMq();

    @Test
    void kafkaRecordsArePublishedToRabbitMqOnceEachWithTheirCorrelationIds() throws Exception {
        String topic = "bridge-in-" + run;
        String exchange = rabbit.exchange("bridge-x-" + run);
        String queue = rabbit.queue("bridge-q-" + run);
        String udl = """
                udl: 8
                name: bridge-k2r-%s
                systems:
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                  mq: {adapter: rabbitmq}
                translations:
                  - name: orders
                    expose: {system: events, protocol: kafka}
                    target: {system: mq, exchange: %s, routingKey: order.created, queue: %s}
                """.formatted(run, kafka.bootstrap(), topic, exchange, queue);
        Map<String, String> seen = bothWays(udl, app -> {
            String batch = UUID.randomUUID().toString().substring(0, 8);
            List<String> ids = ids(batch);
            try (KafkaProducer<String, String> producer = producer()) {
                for (String id : ids) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(topic, id, order(id));
                    record.headers().add("X-Correlation-Id", ("corr-" + id).getBytes(StandardCharsets.UTF_8));
                    producer.send(record).get();
                }
            }
            Map<String, String> received = new TreeMap<>();
            Awaitility.await("every record published to RabbitMQ").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        drain(queue, received);
                        return received.size() >= N;
                    });
            return relative(received, batch);
        });
        assertThat(seen).hasSize(N).allSatisfy((id, correlation) -> assertThat(correlation).isEqualTo("corr-" + id));
    }

    @Test
    void rabbitMqMessagesAreWrittenToKafkaOnceEachWithTheirCorrelationIds() throws Exception {
        String queue = rabbit.queue("bridge-in-" + run);
        String topic = "bridge-out-" + run;
        String udl = """
                udl: 8
                name: bridge-r2k-%s
                systems:
                  mq: {adapter: rabbitmq}
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                translations:
                  - name: orders
                    expose: {system: mq, protocol: amqp, queue: %s}
                    target: {system: events}
                """.formatted(run, kafka.bootstrap(), topic, queue);
        Map<String, String> seen = bothWays(udl, app -> {
            String batch = UUID.randomUUID().toString().substring(0, 8);
            for (String id : ids(batch)) { // by the default exchange: the routing key is the queue's name
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                        .correlationId("corr-" + id).build();
                rabbit.channel().basicPublish("", queue, properties, order(id).getBytes(StandardCharsets.UTF_8));
            }
            Map<String, String> received = new TreeMap<>();
            try (KafkaConsumer<String, String> reader = reader(topic)) {
                for (int polls = 0; polls < 600 && relative(received, batch).size() < N; polls++) {
                    for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(100))) {
                        var header = record.headers().lastHeader("X-Correlation-Id");
                        // the routing key (the queue's name, by the default exchange) as the record's key
                        String key = queue.equals(record.key()) ? "routing key" : "key " + record.key();
                        received.merge(idOf(record.value()), key + " " + (header == null ? "none"
                                : new String(header.value(), StandardCharsets.UTF_8)), (a, b) -> a + "," + b);
                    }
                }
            }
            return relative(received, batch);
        });
        assertThat(seen).hasSize(N).allSatisfy((id, carried) -> assertThat(carried).isEqualTo("routing key corr-" + id));
    }

    @Test
    void aRecordTheBridgeCannotTakeIsDeadLetteredWithItsReasonWhileTheOthersFlow() throws Exception {
        String topic = "bridge-poison-" + run;
        String rejected = "bridge-rejected-" + run;
        String exchange = rabbit.exchange("bridge-px-" + run);
        String queue = rabbit.queue("bridge-pq-" + run);
        String udl = """
                udl: 8
                name: bridge-poison-%s
                systems:
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                  rejected: {adapter: kafka, brokers: "%s", topic: %s}
                  mq: {adapter: rabbitmq}
                translations:
                  - name: orders
                    expose: {system: events, protocol: kafka}
                    target: {system: mq, exchange: %s, routingKey: orders, queue: %s}
                    deadLetter: rejected
                """.formatted(run, kafka.bootstrap(), topic, kafka.bootstrap(), rejected, exchange, queue);
        List<Integer> deadSoFar = new ArrayList<>();
        Map<String, String> seen = bothWays(udl, app -> {
            String batch = UUID.randomUUID().toString().substring(0, 8);
            try (KafkaProducer<String, String> producer = producer()) {
                List<String> ids = ids(batch);
                for (int i = 0; i < ids.size(); i++) {
                    producer.send(new ProducerRecord<>(topic, ids.get(i), order(ids.get(i)))).get();
                    if (i == N / 2) {
                        producer.send(new ProducerRecord<>(topic, "poison", "{not json")).get();
                    }
                }
            }
            Map<String, String> received = new TreeMap<>();
            Awaitility.await("the good records published").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        drain(queue, received);
                        return received.size() >= N;
                    });
            List<String> dead = new ArrayList<>();
            try (KafkaConsumer<String, String> reader = reader(rejected)) {
                int expected = deadSoFar.size() + 1;
                for (int polls = 0; polls < 600 && dead.size() < expected; polls++) {
                    reader.poll(Duration.ofMillis(100)).forEach(r -> dead.add(r.value()));
                }
            }
            deadSoFar.add(dead.size());
            @SuppressWarnings("unchecked")
            Map<String, Object> letter = StrictJson.read(dead.get(dead.size() - 1), Map.class);
            Map<String, String> outcome = new TreeMap<>();
            // no correlation id sent: the kernel made one per record, so only the ids are compared
            relative(received, batch).forEach((id, correlation) -> outcome.put(id, correlation.contains(",")
                    ? "repeated" : "once"));
            outcome.put("dead.payload", String.valueOf(letter.get("payload")));
            outcome.put("dead.hasReason", String.valueOf(!String.valueOf(letter.get("reason")).isBlank()
                    && letter.get("reason") != null));
            outcome.put("dead.route", String.valueOf(letter.get("route")));
            return outcome;
        });
        assertThat(seen).containsEntry("dead.payload", "{not json").containsEntry("dead.hasReason", "true")
                .containsEntry("dead.route", "translation-orders");
        assertThat(seen).hasSize(N + 3).allSatisfy((id, value) -> assertThat(value).isIn("once", "{not json",
                "true", "translation-orders"));
    }

    private <T> T bothWays(String udl, TwoWayRun.Scenario<T> scenario) throws Exception {
        return BridgePeers.bothWays(udl, workDir, scenario);
    }

    private static List<String> ids(String batch) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= N; i++) {
            ids.add(batch + "-" + i);
        }
        return ids;
    }

    private static String order(String id) {
        return StrictJson.write(Map.of("id", id, "item", "widget"));
    }

    private static String idOf(String json) {
        return String.valueOf(StrictJson.read(json, Map.class).get("id"));
    }

    /** The batch's ids without the batch prefix (the two runs' outcomes compare equal), to their correlation ids. */
    private static Map<String, String> relative(Map<String, String> received, String batch) {
        Map<String, String> mine = new TreeMap<>();
        received.forEach((id, correlation) -> {
            if (id.startsWith(batch + "-")) {
                mine.merge(id.substring(batch.length() + 1), correlation.replace(batch + "-", ""),
                        (a, b) -> a + "," + b);
            }
        });
        return mine;
    }

    /** Takes what the queue holds now: id to correlation id (a repeat of an id is appended, so it shows). */
    private void drain(String queue, Map<String, String> received) throws Exception {
        for (GetResponse got : rabbit.take(queue)) {
            received.merge(idOf(new String(got.getBody(), StandardCharsets.UTF_8)),
                    String.valueOf(got.getProps().getCorrelationId()), (a, b) -> a + "," + b);
        }
    }

    private static KafkaProducer<String, String> producer() {
        return BridgePeers.producer(kafka.bootstrap());
    }

    private static KafkaConsumer<String, String> reader(String topic) {
        return BridgePeers.reader(kafka.bootstrap(), topic);
    }
}
