package io.unikernal.bench.kafka;

import io.unikernal.bench.support.BenchSupport;
import io.unikernal.runtime.UdlRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka topic → topic: a UDL route ({@code from} a kafka system, {@code to} another) against the raw kafka-clients loop
 * a careful engineer writes (poll → send every record → flush → commitSync, per poll), with the same durability:
 * acks=all, idempotent producer, linger 0 (the adapter's default), 16 KiB batches, at most 500 records a poll. The
 * broker runs in its own JVM; A (raw) and B (UDL) alternate, each round with its own consumer group and output topic,
 * and both count as done when the group's committed offset reaches the input's end. 1 KiB JSON records.
 *
 * <p>{@code KafkaPipelineBench MESSAGES ROUNDS}; prints per round the rate and the bench JVM's CPU time per message,
 * then p50/p99 end-to-end latency of each at a fixed rate.
 */
public final class KafkaPipelineBench {

    private static final int MAX_POLL = 500;
    private static final String BODY_PAD = "x".repeat(1024 - 80);

    private KafkaPipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int port = BenchSupport.freePort();
        Process broker = startBroker(port, BenchSupport.freePort());
        String brokers = "127.0.0.1:" + port;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(new NewTopic("bench-in", 1, (short) 1))).all().get();
            preload(brokers, "bench-in", messages);
            System.out.printf("preloaded %d records of ~1 KiB into bench-in (broker in its own JVM, pid %d)%n",
                    messages, broker.pid());
            List<double[]> raw = new ArrayList<>();
            List<double[]> udl = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                int r = round;
                raw.add(measure("raw", r, messages, () -> rawLoop(brokers, "raw-" + group(r), "raw-out-" + r,
                        messages, new AtomicBoolean())));
                udl.add(measure("udl", r, messages, () -> udlRoute(brokers, "udl-" + group(r), "udl-out-" + r,
                        messages, admin)));
            }
            for (int i = 0; i < rounds; i++) {
                System.out.printf("round %d: udl/raw = %.2f%n", i + 1, udl.get(i)[0] / raw.get(i)[0]);
            }
            latency(brokers, admin);
        } finally {
            broker.destroyForcibly().waitFor();
        }
    }

    private static String group(int round) {
        return "g" + round + "-" + System.nanoTime();
    }

    /** Rate (msg/s) and CPU µs per message of this JVM for one run. */
    private static double[] measure(String name, int round, int messages, BenchSupport.Run run) throws Exception {
        BenchSupport.Measured m = BenchSupport.measure(run);
        System.out.printf("round %d %-4s %,10.0f msg/s  %6.1f µs CPU/msg (bench JVM)  %.2f s%n", round, name,
                m.rate(messages), m.cpuMicrosPer(messages), m.seconds());
        return new double[] {m.rate(messages), m.cpuMicrosPer(messages)};
    }

    /** The baseline: poll → send all → flush → commitSync, until {@code messages} are committed. */
    private static void rawLoop(String brokers, String group, String out, int messages, AtomicBoolean stop)
            throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(brokers, group));
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(brokers))) {
            consumer.subscribe(List.of("bench-in"));
            long done = 0;
            while (done < messages && !stop.get()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, String> record : records) {
                    producer.send(new ProducerRecord<>(out, record.key(), record.value()));
                }
                producer.flush();
                consumer.commitSync();
                done += records.count();
            }
        }
    }

    /** The UDL route, compiled by the unmodified compiler, run until its group has committed {@code messages}. */
    private static void udlRoute(String brokers, String group, String out, int messages, Admin admin)
            throws Exception {
        try (UdlRuntime app = startUdl(brokers, group, out)) {
            awaitCommitted(admin, group, messages);
        }
    }

    static UdlRuntime startUdl(String brokers, String group, String out) throws Exception {
        String udl = """
                udl: 8
                name: bench-%s
                systems:
                  in:  {adapter: kafka, brokers: "%s", topic: bench-in}
                  out: {adapter: kafka, brokers: "%s", topic: %s}
                routes:
                  - name: pipe
                    from: {system: in, groupId: %s, maxPollRecords: %d}
                    steps:
                      - to: out
                """.formatted(group, brokers, brokers, out, group, MAX_POLL);
        return BenchSupport.startUdl("bench.udl.yaml", udl);
    }

    private static void awaitCommitted(Admin admin, String group, long messages) throws Exception {
        TopicPartition in = new TopicPartition("bench-in", 0);
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata committed = offsets.get(in);
            if (committed != null && committed.offset() >= messages) {
                return;
            }
            Thread.sleep(20); // polling the broker's committed offset: there is no event to wait on
        }
    }

    /** End-to-end latency at a fixed rate (1,000 msg/s for 5 s) through each pipeline, then p50/p99. */
    private static void latency(String brokers, Admin admin) throws Exception {
        for (String kind : List.of("raw", "udl", "raw", "udl")) {
            String in = "lat-in-" + System.nanoTime();
            String out = "lat-out-" + System.nanoTime();
            admin.createTopics(List.of(new NewTopic(in, 1, (short) 1), new NewTopic(out, 1, (short) 1))).all().get();
            long[] latencies = latencyRun(kind, brokers, in, out, admin);
            Arrays.sort(latencies);
            System.out.printf("latency %-4s p50 %.2f ms  p99 %.2f ms  (%d messages at 1,000/s)%n", kind,
                    latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
                    latencies.length);
        }
    }

    private static long[] latencyRun(String kind, String brokers, String in, String out, Admin admin)
            throws Exception {
        int count = 5_000;
        AtomicBoolean stop = new AtomicBoolean();
        String group = "lat-" + System.nanoTime();
        Thread pipeline = null;
        UdlRuntime app = null;
        if (kind.equals("raw")) {
            pipeline = new Thread(() -> {
                try {
                    rawLoopOn(brokers, group, in, out, stop);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            pipeline.start();
        } else {
            app = startUdlOn(brokers, group, in, out);
        }
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(consumerProps(brokers, "r" + group));
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(brokers))) {
            reader.subscribe(List.of(out));
            reader.poll(Duration.ofMillis(200));
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * 1_000_000L;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                producer.send(new ProducerRecord<>(in, "k" + (i % 16), "{\"sentAt\": " + System.nanoTime()
                        + ", \"n\": " + i + "}"));
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ZERO)) {
                    seen.add(System.nanoTime() - sentAt(r.value()));
                }
            }
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < count && System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(100))) {
                    seen.add(System.nanoTime() - sentAt(r.value()));
                }
            }
        } finally {
            stop.set(true);
            if (pipeline != null) {
                pipeline.join();
            }
            if (app != null) {
                app.close();
            }
        }
        return seen.stream().mapToLong(Long::longValue).toArray();
    }

    private static long sentAt(String json) {
        int i = json.indexOf("\"sentAt\"");
        int colon = json.indexOf(':', i);
        int end = json.indexOf(',', colon);
        return Long.parseLong(json.substring(colon + 1, end).strip());
    }

    private static void rawLoopOn(String brokers, String group, String in, String out, AtomicBoolean stop) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(brokers, group));
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(brokers))) {
            consumer.subscribe(List.of(in));
            while (!stop.get()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, String> record : records) {
                    producer.send(new ProducerRecord<>(out, record.key(), record.value()));
                }
                producer.flush();
                consumer.commitSync();
            }
        }
    }

    private static UdlRuntime startUdlOn(String brokers, String group, String in, String out) throws Exception {
        String udl = """
                udl: 8
                name: lat-%s
                systems:
                  in:  {adapter: kafka, brokers: "%s", topic: %s}
                  out: {adapter: kafka, brokers: "%s", topic: %s}
                routes:
                  - name: pipe
                    from: {system: in, groupId: %s, maxPollRecords: %d, autoOffsetReset: earliest}
                    steps:
                      - to: out
                """.formatted(group, brokers, in, brokers, out, group, MAX_POLL);
        return BenchSupport.startUdl("lat.udl.yaml", udl);
    }

    private static void preload(String brokers, String topic, int messages) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(brokers))) {
            for (int i = 0; i < messages; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + (i % 64), "{\"id\": \"m-" + i
                        + "\", \"customer\": \"c-" + (i % 64) + "\", \"amount\": " + i + ", \"pad\": \"" + BODY_PAD
                        + "\"}"));
            }
            producer.flush();
        }
    }

    static Properties consumerProps(String brokers, String group) {
        Properties p = new Properties();
        p.put("bootstrap.servers", brokers);
        p.put("group.id", group);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", String.valueOf(MAX_POLL));
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return p;
    }

    public static Properties producerProps(String brokers) {
        Properties p = new Properties();
        p.put("bootstrap.servers", brokers);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "0");
        p.put("batch.size", "16384");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return p;
    }

    /** A one-node broker ({@link KafkaBrokerMain}) in a JVM of its own, its log drained; returns once it serves. */
    public static Process startBroker(int port, int controllerPort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), String.valueOf(port), String.valueOf(controllerPort))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.strip().equals("ready")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // the broker's log, discarded
                        }
                    } catch (java.io.IOException e) {
                        // the broker ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new IllegalStateException("the broker JVM ended before it was ready");
    }
}
