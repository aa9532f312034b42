package io.unikernal.translate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka -> RabbitMQ in batches (a poll's records published together, their confirms awaited once, then the commit):
 * the records are in Kafka before the bridge starts, so its first poll takes them as one batch. A poison record in
 * the middle is dead-lettered and the batch committed past it; a publish RabbitMQ returns in the middle holds the
 * commit at that record, and it and the records after it are published again, in order, once it is routable.
 */
class BridgeBatchesTest {

    private static final int N = 20;
    private static final int MIDDLE = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final KafkaPerClass kafka = new KafkaPerClass();
    @RegisterExtension
    final MachineRabbitMq rabbit = new MachineRabbitMq();
    @TempDir
    Path workDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPoisonRecordInTheMiddleOfABatchIsDeadLetteredTheOthersDeliveredAndTheOffsetCommittedPastAll()
            throws Exception {
        String topic = "batch-poison-" + run;
        String rejected = "batch-rejected-" + run;
        String exchange = rabbit.exchange("batch-px-" + run);
        String queue = rabbit.queue("batch-pq-" + run);
        String app = "batch-poison-" + run;
        try (KafkaProducer<String, String> producer = BridgePeers.producer(kafka.bootstrap())) {
            for (int i = 0; i < N; i++) {
                String body = i == MIDDLE ? "{not json" : order(i);
                producer.send(new ProducerRecord<>(topic, String.valueOf(i), body)).get();
            }
        }
        String udl = """
                udl: 8
                name: %s
                systems:
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                  rejected: {adapter: kafka, brokers: "%s", topic: %s}
                  mq: {adapter: rabbitmq}
                translations:
                  - name: orders
                    expose: {system: events, protocol: kafka}
                    target: {system: mq, exchange: %s, routingKey: orders, queue: %s}
                    deadLetter: rejected
                """.formatted(app, kafka.bootstrap(), topic, kafka.bootstrap(), rejected, exchange, queue);
        List<Integer> ids = new ArrayList<>();
        try (UdlRuntime bridge = start(app, udl)) {
            Awaitility.await("the batch committed past every record").atMost(PATIENCE)
                    .until(() -> committed(app, topic) == N);
            ids.addAll(drain(queue));
        }
        assertThat(ids).as("the good records, each once, in order").isEqualTo(allButTheMiddle());
        List<String> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = BridgePeers.reader(kafka.bootstrap(), rejected)) {
            for (int polls = 0; polls < 600 && dead.isEmpty(); polls++) {
                reader.poll(Duration.ofMillis(100)).forEach(record -> dead.add(record.value()));
            }
        }
        assertThat(dead).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> letter = StrictJson.read(dead.get(0), Map.class);
        assertThat(letter).containsEntry("payload", "{not json").containsEntry("route", "translation-orders");
        assertThat(String.valueOf(letter.get("reason"))).isNotBlank().isNotEqualTo("null");
    }

    @Test
    void aPublishReturnedInTheMiddleOfABatchHoldsTheCommitAndIsPublishedAgainWithTheRecordsAfterIt()
            throws Exception {
        String topic = "batch-return-" + run;
        String exchange = rabbit.exchange("batch-rx-" + run);
        String queue = rabbit.queue("batch-rq-" + run);
        String app = "batch-return-" + run;
        try (KafkaProducer<String, String> producer = BridgePeers.producer(kafka.bootstrap())) {
            for (int i = 0; i < N; i++) { // the middle record's key has no queue bound for it yet: returned
                producer.send(new ProducerRecord<>(topic, i == MIDDLE ? "unbound" : "bound", order(i))).get();
            }
        }
        String udl = """
                udl: 8
                name: %s
                systems:
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                  mq: {adapter: rabbitmq}
                translations:
                  - name: orders
                    expose: {system: events, protocol: kafka}
                    target: {system: mq, exchange: %s, routingKey: bound, queue: %s, routingKeyFromKey: true}
                """.formatted(app, kafka.bootstrap(), topic, exchange, queue);
        List<Integer> ids = Collections.synchronizedList(new ArrayList<>());
        try (UdlRuntime bridge = start(app, udl)) {
            Awaitility.await("the routable records of the batch published").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        ids.addAll(drain(queue));
                        return ids.size() >= N - 1;
                    });
            Awaitility.await("the records before the returned one committed").atMost(PATIENCE)
                    .until(() -> committed(app, topic) == MIDDLE);
            assertThat(bridge.context().getInflightRepository().size()).as("the returned record being retried")
                    .isPositive();
            assertThat(committed(app, topic)).as("nothing committed past the returned record").isEqualTo(MIDDLE);

            rabbit.channel().queueBind(queue, exchange, "unbound");
            Awaitility.await("the batch committed once the record is routable").atMost(PATIENCE)
                    .until(() -> committed(app, topic) == N);
            ids.addAll(drain(queue));
        }
        List<Integer> expected = allButTheMiddle();
        for (int i = MIDDLE; i < N; i++) { // published again from the returned record on, in order
            expected.add(i);
        }
        assertThat(ids).as("the first pass, then the returned record and the ones after it again").isEqualTo(expected);
    }

    /** The records' ids in order, the middle one left out. */
    private static List<Integer> allButTheMiddle() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (i != MIDDLE) {
                ids.add(i);
            }
        }
        return ids;
    }

    private UdlRuntime start(String app, String udl) throws Exception {
        Adapters adapters = Adapters.installed();
        return UdlRuntime.start(new UdlCompiler(adapters).compile(new UdlParser(adapters).parse(app + ".udl.yaml",
                udl).orThrow(), workDir, CompileOptions.DEFAULT), Map.of());
    }

    private static String order(int i) {
        return StrictJson.write(Map.of("id", i, "item", "widget"));
    }

    private List<Integer> drain(String queue) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (GetResponse got : rabbit.take(queue)) {
            Object id = StrictJson.read(new String(got.getBody(), StandardCharsets.UTF_8), Map.class).get("id");
            ids.add(((Number) id).intValue());
        }
        return ids;
    }

    private static long committed(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }
}
