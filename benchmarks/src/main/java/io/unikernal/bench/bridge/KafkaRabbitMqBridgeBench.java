package io.unikernal.bench.bridge;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.unikernal.bench.kafka.KafkaPipelineBench;
import io.unikernal.bench.rabbitmq.RabbitMqPublishBench;
import io.unikernal.bench.support.BenchSupport;
import io.unikernal.bench.support.BenchSupport.Measured;
import io.unikernal.runtime.UdlRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka -> RabbitMQ bridge (a {@code translations:} item, compiled by the unmodified compiler) against raw
 * asynchronous confirmed publishing of the same messages (1 KiB JSON, persistent, mandatory) to the same RabbitMQ,
 * in one run, alternating. The broker of Kafka runs in a JVM of its own ({@code KafkaBrokerMain}); RabbitMQ is the
 * machine's (127.0.0.1:5672, its own process); the bridge and the raw publisher run in this JVM, one after the other.
 *
 * <ul>
 *   <li><b>raw</b>: {@link RabbitMqPublishBench#rawRun}: one confirm-mode channel, at most {@code OUTSTANDING}
 *       unconfirmed publishes, confirms taken asynchronously — the baseline the goal names;
 *   <li><b>raw-1</b>: the same with one publish outstanding (publish, wait for its confirm), which is what the
 *       bridge does per record — to separate "one at a time" from the bridge's own cost;
 *   <li><b>bridge</b>: {@code expose: {system: events, protocol: kafka}} -> {@code target: {system: mq, exchange:
 *       default, queue: Q}} over a topic preloaded with the messages, a fresh consumer group per round. Counted from
 *       the first message in the queue (so the app's start and the group's join are not) until the group's committed
 *       offset reaches the end: every message confirmed by RabbitMQ and its offset committed.
 * </ul>
 *
 * {@code KafkaRabbitMqBridgeBench MESSAGES ROUNDS OUTSTANDING}. CPU: this JVM's process CPU time in the timed window
 * per message (the brokers' not included). Each queue must hold exactly the messages sent afterwards.
 */
public final class KafkaRabbitMqBridgeBench {

    private KafkaRabbitMqBridgeBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int outstanding = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        String run = UUID.randomUUID().toString().substring(0, 8);
        int port = BenchSupport.freePort();
        Process kafka = KafkaPipelineBench.startBroker(port, BenchSupport.freePort());
        String brokers = "127.0.0.1:" + port;
        System.out.println(BenchSupport.host());
        System.out.printf("kafka: one KRaft node in its own JVM (pid %d); rabbitmq: the machine's 127.0.0.1:5672 (its"
                + " own process); %d messages of 1 KiB JSON a run, raw with %d outstanding confirms, %d rounds%n",
                kafka.pid(), messages, outstanding, rounds);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        List<double[]> rows = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers));
                Connection connection = factory.newConnection("bench-bridge-admin");
                Channel channel = connection.createChannel()) {
            String topic = "bench-bridge-in";
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            preload(brokers, topic, messages);
            // warm-up of all three (not counted): the JIT, the connections
            String warm = "bench-bridge-warm-" + run;
            channel.queueDeclare(warm, true, false, false, null);
            RabbitMqPublishBench.rawRun(factory, warm, Math.min(messages, 5_000), outstanding);
            bridgeRun(brokers, admin, channel, topic, warm + "-b", "warm-" + run, messages);
            channel.queueDelete(warm);
            channel.queueDelete(warm + "-b");
            for (int round = 1; round <= rounds; round++) {
                String raw = "bench-raw-" + run + "-" + round;
                String one = "bench-raw1-" + run + "-" + round;
                String bridged = "bench-bridge-" + run + "-" + round;
                channel.queueDeclare(raw, true, false, false, null);
                Measured a = RabbitMqPublishBench.rawRun(factory, raw, messages, outstanding).measured();
                RabbitMqPublishBench.check(channel, raw, messages);
                report(round, "raw", messages, a);
                Measured b = bridgeRun(brokers, admin, channel, topic, bridged, "r" + round + "-" + run, messages);
                RabbitMqPublishBench.check(channel, bridged, messages);
                report(round, "bridge", messages, b);
                channel.queueDeclare(one, true, false, false, null);
                Measured c = RabbitMqPublishBench.rawRun(factory, one, messages, 1).measured();
                RabbitMqPublishBench.check(channel, one, messages);
                report(round, "raw-1", messages, c);
                rows.add(new double[] {a.rate(messages), a.cpuMicrosPer(messages), b.rate(messages),
                        b.cpuMicrosPer(messages), c.rate(messages), c.cpuMicrosPer(messages)});
                for (String queue : List.of(raw, one, bridged)) {
                    channel.queueDelete(queue);
                }
            }
        } finally {
            kafka.destroyForcibly().waitFor();
        }
        summary(rows, outstanding);
    }

    /**
     * The bridge over the preloaded topic with a fresh group (the app's name), timed from the first message in the
     * queue until the group committed the whole topic; the rate and CPU are of the messages in that window.
     */
    private static Measured bridgeRun(String brokers, Admin admin, Channel channel, String topic, String queue,
            String app, int messages) throws Exception {
        channel.queueDeclare(queue, true, false, false, null);
        String udl = """
                udl: 8
                name: bench-bridge-%s
                systems:
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                  mq: {adapter: rabbitmq, host: 127.0.0.1, port: 5672}
                translations:
                  - name: bridge
                    expose: {system: events, protocol: kafka}
                    target: {system: mq, exchange: default, queue: %s}
                """.formatted(app, brokers, topic, queue);
        try (UdlRuntime bridge = BenchSupport.startUdl("bench-bridge.udl.yaml", udl)) {
            long first;
            while ((first = channel.queueDeclarePassive(queue).getMessageCount()) == 0) {
                Thread.sleep(1); // the app starting and joining its group: there is no event to wait on
            }
            long cpu0 = BenchSupport.processCpuNanos();
            long t0 = System.nanoTime();
            TopicPartition partition = new TopicPartition(topic, 0);
            while (committed(admin, "bench-bridge-" + app, partition) < messages) {
                Thread.sleep(20); // the broker's committed offset is polled: no event to wait on either
            }
            long wall = System.nanoTime() - t0;
            long cpu = BenchSupport.processCpuNanos() - cpu0;
            // scaled to the whole run: the window holds messages - first of them
            double share = (double) messages / (messages - first);
            return new Measured((long) (wall * share), (long) (cpu * share));
        }
    }

    private static long committed(Admin admin, String group, TopicPartition partition) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(partition);
        return offset == null ? 0 : offset.offset();
    }

    private static void preload(String brokers, String topic, int messages) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaPipelineBench.producerProps(brokers))) {
            for (int i = 0; i < messages; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + (i % 64), RabbitMqPublishBench.BODY));
            }
            producer.flush();
        }
    }

    private static void report(int round, String side, int messages, Measured m) {
        System.out.printf("round %d %-6s %,9.0f msg/s  %6.1f µs CPU/msg (bench JVM)  %6.2f s%n", round, side,
                m.rate(messages), m.cpuMicrosPer(messages), m.seconds());
    }

    private static void summary(List<double[]> rows, int outstanding) {
        System.out.println();
        System.out.println("| round | raw (" + outstanding + " outstanding) msg/s | µs CPU/msg | bridge msg/s | µs CPU/msg"
                + " | bridge/raw | raw-1 (1 outstanding) msg/s | µs CPU/msg | bridge/raw-1 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            sum += r[2] / r[0];
            System.out.printf("| %d | %,.0f | %.1f | %,.0f | %.1f | %.2f | %,.0f | %.1f | %.2f |%n", i + 1, r[0], r[1],
                    r[2], r[3], r[2] / r[0], r[4], r[5], r[2] / r[4]);
        }
        double mean = sum / rows.size();
        System.out.printf("%nmean bridge/raw = %.2f (goal >= 0.80: %s)%n", mean, mean >= 0.8 ? "met" : "NOT met");
    }
}
