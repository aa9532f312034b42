package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.unikernal.adapter.kafka.KafkaBroker;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/order-events against a real Kafka broker (in process, KRaft) and the machine's RabbitMQ, in process and
 * from the compiled YAML: valid orders reach the RabbitMQ queue, an invalid one goes to the rejected topic with the
 * reason. The example's own file runs with its topics and queue renamed for this run only.
 */
class OrderEventsExampleTest {

    private static KafkaBroker kafka;

    @TempDir
    Path tmp;

    private final String run = "uk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String accepted = run + ".orders.accepted";

    @BeforeAll
    static void startKafka() {
        kafka = KafkaBroker.launch();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void deleteQueue() throws Exception {
        try (Connection connection = rabbit(); Channel channel = connection.createChannel()) {
            channel.queueDelete(accepted);
        }
    }

    @Test
    void validOrdersReachRabbitMqAndAnInvalidOneTheRejectedTopicWithTheReason() throws Exception {
        Path udl = tmp.resolve("orders.udl.yaml");
        Files.writeString(udl, Files.readString(Path.of("order-events/orders.udl.yaml"))
                .replace("127.0.0.1:9092", kafka.bootstrap()).replace("topic: orders-rejected", "topic: " + run + "-rej")
                .replace("topic: orders}", "topic: " + run + "}").replace("queue: orders.accepted", "queue: " + accepted)
                .replace("groupId: order-relay", "groupId: " + run));
        List<String> runs = new ArrayList<>();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            String r = String.valueOf(runs.size() + 1);
            runs.add(r);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producer())) {
                producer.send(new ProducerRecord<>(run, "a", "{\"id\": \"a-" + r + "\", \"customer\": \"Ada\","
                        + " \"amount\": 10}"));
                producer.send(new ProducerRecord<>(run, "b", "{\"id\": \"b-" + r + "\", \"amount\": -3}"));
                producer.send(new ProducerRecord<>(run, "c", "{\"id\": \"c-" + r + "\", \"customer\": \"Grace\","
                        + " \"amount\": 7.5}"));
                producer.flush();
            }
            List<Object> seen = new ArrayList<>();
            List<String> relayed = new ArrayList<>();
            try (Connection connection = rabbit()) {
                // the route declares the queue with its first publish: until then a get fails (and closes its channel)
                Awaitility.await("the valid orders in RabbitMQ").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> {
                            try (Channel channel = connection.createChannel()) {
                                GetResponse got = channel.basicGet(accepted, true);
                                if (got != null) {
                                    relayed.add(String.valueOf(((Map<?, ?>) StrictJson.read(new String(
                                            got.getBody(), StandardCharsets.UTF_8), Map.class)).get("id")));
                                }
                            }
                            return relayed.size() == 2;
                        });
            }
            seen.add(relayed.stream().map(id -> id.replace("-" + r, "")).sorted().toList());
            seen.add(rejected(r));
            return seen;
        });
        assertThat(outcomes.inProcess()).containsExactly(List.of("a", "c"), true);
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    /** Whether the rejected topic holds order b of this run with the reason. */
    private boolean rejected(String r) {
        try (KafkaConsumer<String, String> consumer = KafkaReaders.consumer(kafka.bootstrap(), run + "-reader-" + r)) {
            consumer.subscribe(List.of(run + "-rej"));
            List<String> records = new ArrayList<>();
            Awaitility.await("the invalid order rejected").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.value());
                }
                return records.stream().anyMatch(v -> v.contains("b-" + r));
            });
            String record = records.stream().filter(v -> v.contains("b-" + r)).findFirst().orElseThrow();
            return record.contains("Order") && record.contains("customer");
        }
    }

    private Properties producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrap());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return p;
    }

    private static Connection rabbit() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        return factory.newConnection();
    }
}
