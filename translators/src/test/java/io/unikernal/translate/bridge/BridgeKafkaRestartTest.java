package io.unikernal.translate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.unikernal.adapter.kafka.KafkaBroker;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker (a private in-process one the test owns) stopped in the middle of a bridge and started again on
 * the same port, both directions, with the machine's RabbitMQ: every id arrives, counted by id; a repeat is allowed
 * (at least once) and counted, a loss is not. RabbitMQ -> Kafka also shows the ack waits for Kafka: what the bridge
 * took while Kafka was down is still in the queue when the bridge gives up on it.
 */
class BridgeKafkaRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path workDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    @RegisterExtension
    final MachineRabbitMq rabbit = new MachineRabbitMq();

    @Test
    void aRabbitMqMessageIsAckedOnlyAfterKafkaAcknowledgedItAndNoneIsLostAcrossAKafkaRestart() throws Exception {
        String queue = rabbit.queue("bridge-r2k-restart-" + run);
        rabbit.channel().queueDeclare(queue, true, false, false, null);
        String topic = "bridge-r2k-restart-" + run;
        String app = "bridge-r2k-restart-" + run;
        try (KafkaBroker kafka = KafkaBroker.launch()) {
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      mq: {adapter: rabbitmq}
                      events: {adapter: kafka, brokers: "%s", topic: %s}
                    translations:
                      - name: orders
                        expose: {system: mq, protocol: amqp, queue: %s}
                        target: {system: events, deliveryTimeout: 3s}
                    """.formatted(app, kafka.bootstrap(), topic, queue);
            List<String> sent = new ArrayList<>();
            Map<String, Integer> written;
            try (UdlRuntime bridge = start(app, udl)) {
                publish(queue, "before", 5, sent);
                try (KafkaConsumer<String, String> reader = BridgePeers.reader(kafka.bootstrap(), topic)) {
                    Map<String, Integer> early = new TreeMap<>();
                    Awaitility.await("the first messages in Kafka").atMost(PATIENCE).until(() -> {
                        read(reader, early);
                        return early.size() == 5;
                    });
                }

                kafka.stop();
                publish(queue, "down", 5, sent);
                // the consumer took them (one in the route, the rest prefetched), none acked: Kafka has not answered
                Awaitility.await("the bridge waiting for Kafka to acknowledge a record").atMost(PATIENCE)
                        .until(() -> bridge.context().getInflightRepository().size() > 0 && ready(queue) == 0);
                // the bridge gives up (its route stopped): what it held was not acked, so the broker takes it back
                bridge.context().getRouteController().stopRoute("translation-orders", 1, TimeUnit.SECONDS);
                Awaitility.await("the messages the bridge held back in the queue, none acked").atMost(PATIENCE)
                        .until(() -> ready(queue) == 5);

                kafka.start();
                bridge.context().getRouteController().startRoute("translation-orders");
                written = new TreeMap<>();
                try (KafkaConsumer<String, String> reader = BridgePeers.reader(kafka.bootstrap(), topic)) {
                    Map<String, Integer> all = written;
                    Awaitility.await("every message in Kafka once Kafka is back").atMost(PATIENCE).until(() -> {
                        read(reader, all);
                        return all.keySet().containsAll(sent);
                    });
                }
                Awaitility.await("the queue empty: every message acked").atMost(PATIENCE)
                        .until(() -> ready(queue) == 0);
            }
            assertThat(written.keySet()).as("in Kafka: exactly the ids sent, none lost").isEqualTo(
                    new java.util.TreeSet<>(sent));
            // once each: the record the stopped route had handed to Kafka's producer was abandoned when the route's
            // producer closed (before Kafka returned), so its message, taken back by the broker, is the only copy
            long repeats = written.values().stream().filter(n -> n > 1).count();
            assertThat(written).as("each id written once").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            System.out.println("RabbitMQ -> Kafka across a Kafka restart: " + sent.size() + " ids, " + repeats
                    + " repeated");
        }
    }

    @Test
    void aKafkaBrokerStoppedMidBridgeLosesNoRecordOnTheWayToRabbitMq() throws Exception {
        String queue = rabbit.queue("bridge-k2r-restart-" + run);
        String topic = "bridge-k2r-restart-" + run;
        String app = "bridge-k2r-restart-" + run;
        try (KafkaBroker kafka = KafkaBroker.launch()) {
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      events: {adapter: kafka, brokers: "%s", topic: %s}
                      mq: {adapter: rabbitmq}
                    translations:
                      - name: orders
                        expose: {system: events, protocol: kafka}
                        target: {system: mq, exchange: default, queue: %s}
                    """.formatted(app, kafka.bootstrap(), topic, queue);
            List<String> sent = new ArrayList<>();
            Map<String, Integer> received = new TreeMap<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (UdlRuntime bridge = start(app, udl);
                    KafkaProducer<String, String> producer = BridgePeers.producer(kafka.bootstrap())) {
                send(producer, topic, "before", sent, sends);
                Awaitility.await("the bridge in the middle of the stream").atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(5)).until(() -> {
                            drain(queue, received);
                            return received.size() >= 10;
                        });
                kafka.stop();
                send(producer, topic, "down", sent, sends); // the sender goes on: its producer keeps them
                kafka.start();
                send(producer, topic, "after", sent, sends);
                for (Future<RecordMetadata> send : sends) {
                    send.get(60, TimeUnit.SECONDS);
                }
                Awaitility.await("every record in RabbitMQ once Kafka is back").atMost(PATIENCE).until(() -> {
                    drain(queue, received);
                    return received.keySet().containsAll(sent);
                });
            }
            assertThat(received.keySet()).as("in RabbitMQ: exactly the ids sent, none lost")
                    .isEqualTo(new java.util.TreeSet<>(sent));
            long repeats = received.values().stream().filter(n -> n > 1).count();
            System.out.println("Kafka -> RabbitMQ across a Kafka restart: " + sent.size() + " ids, " + repeats
                    + " repeated (a commit lost with the broker is read again)");
        }
    }

    private UdlRuntime start(String app, String udl) throws Exception {
        Adapters adapters = Adapters.installed();
        return UdlRuntime.start(new UdlCompiler(adapters).compile(new UdlParser(adapters).parse(app + ".udl.yaml",
                udl).orThrow(), workDir, CompileOptions.DEFAULT), Map.of());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String phase, List<String> sent,
            List<Future<RecordMetadata>> sends) {
        for (int i = 1; i <= 50; i++) {
            String id = phase + "-" + i;
            sends.add(producer.send(new ProducerRecord<>(topic, id, StrictJson.write(Map.of("id", id)))));
            sent.add(id);
        }
    }

    private void publish(String queue, String phase, int count, List<String> sent) throws Exception {
        for (int i = 1; i <= count; i++) {
            String id = phase + "-" + i;
            rabbit.channel().basicPublish("", queue, new AMQP.BasicProperties.Builder().contentType("application/json")
                    .deliveryMode(2).build(), StrictJson.write(Map.of("id", id)).getBytes(StandardCharsets.UTF_8));
            sent.add(id);
        }
    }

    private long ready(String queue) throws Exception {
        return rabbit.ready(queue);
    }

    private static void read(KafkaConsumer<String, String> reader, Map<String, Integer> seen) {
        for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
            seen.merge(String.valueOf(StrictJson.read(record.value(), Map.class).get("id")), 1, Integer::sum);
        }
    }

    private void drain(String queue, Map<String, Integer> seen) throws Exception {
        for (GetResponse got : rabbit.take(queue)) {
            seen.merge(String.valueOf(StrictJson.read(new String(got.getBody(), StandardCharsets.UTF_8), Map.class)
                    .get("id")), 1, Integer::sum);
        }
    }
}
