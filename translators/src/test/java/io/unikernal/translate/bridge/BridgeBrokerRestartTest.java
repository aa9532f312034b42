package io.unikernal.translate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.unikernal.adapter.kafka.KafkaBroker;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.server.PrivateRabbitMq;
import io.unikernal.udl.parse.UdlParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka -> RabbitMQ with the RabbitMQ node (a private one the test owns) stopped mid-bridge: while it is down the
 * group's committed offset does not move past what RabbitMQ confirmed; once it is back every record arrives,
 * counted by id, and the offset reaches the end.
 */
class BridgeBrokerRestartTest {

    private static final int BATCH = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path workDir;

    @Test
    void theOffsetIsCommittedOnlyAfterRabbitMqConfirmedAndNothingIsLostAcrossARestart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "bridge-restart-" + run;
        String queue = "bridge-restart-" + run;
        String app = "bridge-restart-" + run;
        try (KafkaBroker kafka = KafkaBroker.launch(); PrivateRabbitMq node = PrivateRabbitMq.launch()) {
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      events: {adapter: kafka, brokers: "%s", topic: %s}
                      mq: {adapter: rabbitmq, port: %d}
                    translations:
                      - name: orders
                        expose: {system: events, protocol: kafka}
                        target: {system: mq, exchange: default, queue: %s}
                    """.formatted(app, kafka.bootstrap(), topic, node.port(), queue);
            Adapters adapters = Adapters.installed();
            try (UdlRuntime bridge = UdlRuntime.start(new UdlCompiler(adapters).compile(new UdlParser(adapters)
                    .parse(app + ".udl.yaml", udl).orThrow(), workDir, CompileOptions.DEFAULT), Map.of());
                    KafkaProducer<String, String> producer = BridgePeers.producer(kafka.bootstrap())) {
                send(producer, topic, run, 1);
                Awaitility.await("the first batch confirmed and committed").atMost(PATIENCE)
                        .until(() -> committed(kafka, app, topic) == BATCH);

                node.stop();
                send(producer, topic, run, BATCH + 1);
                Awaitility.await("the bridge retrying a publish the broker cannot confirm").atMost(PATIENCE)
                        .until(() -> bridge.context().getInflightRepository().size() > 0);
                assertThat(committed(kafka, app, topic)).as("no offset committed for unconfirmed records")
                        .isEqualTo(BATCH);

                node.start();
                Awaitility.await("every record committed once the broker is back").atMost(PATIENCE)
                        .until(() -> committed(kafka, app, topic) == 2 * BATCH);
            }
            List<String> ids = drain(node.port(), queue);
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 2 * BATCH; i++) {
                sent.add(run + "-" + i);
            }
            assertThat(ids).as("every record in RabbitMQ, counted by id (a duplicate would be allowed, a loss not)")
                    .containsAll(sent).allSatisfy(id -> assertThat(sent).contains(id));
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String run, int first)
            throws Exception {
        for (int i = first; i < first + BATCH; i++) {
            String id = run + "-" + i;
            producer.send(new ProducerRecord<>(topic, id, StrictJson.write(Map.of("id", id)))).get();
        }
    }

    private static List<String> drain(int port, String queue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        List<String> ids = new ArrayList<>();
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            for (GetResponse got = channel.basicGet(queue, true); got != null; got = channel.basicGet(queue, true)) {
                ids.add(String.valueOf(StrictJson.read(new String(got.getBody(), StandardCharsets.UTF_8), Map.class)
                        .get("id")));
            }
        }
        return ids;
    }

    private static long committed(KafkaBroker kafka, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }
}
