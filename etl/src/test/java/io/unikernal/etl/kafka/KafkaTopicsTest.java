package io.unikernal.etl.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.kafka.KafkaBroker;
import io.unikernal.etl.jdbc.Db;
import io.unikernal.etl.jdbc.TransferChild;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka topics against the in-process KRaft broker: as a source, offsets per partition as the position, a batch read
 * that ends at the end offsets it saw when it opened, the stream that follows from that position with no record
 * missing and none twice, a value that is no JSON object rejected with its partition and offset; as a target, batches
 * in Kafka transactions with their checkpoint, and a run killed with SIGKILL between sending a batch and committing
 * it, resumed: a read_committed consumer sees every row exactly once.
 */
class KafkaTopicsTest {

    private static KafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.launch();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static String topic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + Long.toString(System.nanoTime(), 36);
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
        return name;
    }

    private static void produce(String topic, int from, int to) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int id = from; id <= to; id++) {
                producer.send(new ProducerRecord<>(topic, String.valueOf(id), "{\"id\":" + id + ",\"name\":\"n" + id
                        + "\",\"tags\":[" + id + "]}"));
            }
        }
    }

    private static List<SourceRecord> readAll(KafkaSource source) throws Exception {
        List<SourceRecord> records = new ArrayList<>();
        for (SourceRecord r = source.next(); r != null; r = source.next()) {
            records.add(r);
        }
        return records;
    }

    private static List<String> ids(List<SourceRecord> records) {
        return records.stream().filter(r -> !r.isBad()).map(r -> (String) r.values()[0]).sorted().toList();
    }

    @Test
    void aBatchReadEndsAtTheEndOffsetsItSawAndTheStreamGoesOnFromItsPositionWithNoGapAndNoOverlap()
            throws Exception {
        String topic = topic("etl-src", 3);
        produce(topic, 1, 30);
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, null, "not json")).get();
        }
        List<String> fields = List.of("id", "name", "tags");
        String handOver;
        List<SourceRecord> backfill;
        try (KafkaSource source = new KafkaSource(broker.bootstrap(), topic, fields, false, Duration.ofMillis(100))) {
            assertThat(source.resume(null)).isTrue();
            assertThat(source.fields()).extracting(Field::name).containsExactlyElementsOf(fields);
            produce(topic, 31, 35); // after the batch run opened: the stream's
            backfill = readAll(source);
            handOver = source.position();
        }
        assertThat(ids(backfill)).hasSize(30).containsAll(List.of("1", "30"));
        SourceRecord bad = backfill.stream().filter(SourceRecord::isBad).findFirst().orElseThrow();
        assertThat(bad.problem()).isEqualTo("the record's value is no JSON object");
        assertThat(bad.where()).matches(topic + "-0@\\d+");
        assertThat(bad.raw()).isEqualTo("not json");
        assertThat(backfill.stream().filter(r -> !r.isBad()).findFirst().orElseThrow().values()[2])
                .asString().matches("\\[\\d+\\]");
        assertThat(handOver).matches("\\{\"0\":\\d+,\"1\":\\d+,\"2\":\\d+\\}");

        try (KafkaSource stream = new KafkaSource(broker.bootstrap(), topic, fields, true, Duration.ofMillis(200))) {
            assertThat(stream.unbounded()).isTrue();
            stream.resume(handOver);
            List<SourceRecord> streamed = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (streamed.size() < 7 && System.nanoTime() < deadline) {
                SourceRecord r = stream.next();
                if (r != null) {
                    streamed.add(r);
                } else if (streamed.size() == 5) {
                    produce(topic, 36, 37);
                }
            }
            assertThat(ids(streamed)).containsExactly("31", "32", "33", "34", "35", "36", "37");
        }
    }

    @Test
    void aTargetRunKilledBetweenSendingABatchAndCommittingItResumesAndEveryRowIsReadOnceCommitted()
            throws Exception {
        String topic = topic("etl-tgt", 2);
        try (Db.Tables source = new Db.Tables(Db.POSTGRESQL.pool(dir))) {
            String from = source.create("etl_kafka_src", "id bigint primary key, name text, amount text");
            source.execute("INSERT INTO " + from + " SELECT i, 'name ' || i, (i % 1000) || '.5'"
                    + " FROM generate_series(1, 3000) i");
            String namespace = "etlkafka" + Long.toString(System.nanoTime(), 36) + "/p";
            Process killed = start(from, topic, namespace, "-Dunikernal.etl.killAt=kafka-commit:4");
            assertThat(killed.waitFor()).as("the kill point kafka-commit:4 killed the child").isEqualTo(137);
            assertThat(committedIds(topic)).as("three batches committed before the kill").hasSize(600);
            assertThat(uncommittedCount(topic)).as("the fourth batch was sent, not committed").isEqualTo(800);
            Process rest = start(from, topic, namespace);
            assertThat(rest.waitFor()).isZero();
            List<Long> ids = committedIds(topic);
            assertThat(ids).hasSize(3000).doesNotHaveDuplicates();
            assertThat(new KafkaCheckpoints(broker.bootstrap(), namespace).position("table:" + from)).isPresent();
        }
    }

    @Test
    void aCsvFileGoesIntoATopicAndTheTopicIntoSqliteFromUdlAndRerunsAddNothing() throws Exception {
        String topic = topic("etl-udl", 2);
        java.nio.file.Files.writeString(dir.resolve("people.csv"), "id,name,amount\n1,\"Ann, A.\",1.50\n2,Bob,2\n"
                + "3,Cy,3.25\n");
        try (Db.Tables lite = new Db.Tables(Db.SQLITE.pool(dir))) {
            String table = lite.create("people", "id integer primary key, name varchar(20), amount decimal(7,2)");
            String app = "kf" + Long.toString(System.nanoTime(), 36);
            String udl = "udl: 8\nname: " + app + "\nsystems:\n"
                    + "  bus: {adapter: kafka, brokers: \"" + broker.bootstrap() + "\", topic: " + topic + "}\n"
                    + "  lite: {adapter: sqlite, url: \"" + Db.SQLITE.url(dir) + "\"}\npipelines:\n"
                    + "  - name: publish\n    source: {adapter: file, path: people.csv}\n"
                    + "    target: {system: bus, recordKey: id}\n"
                    + "  - name: store\n    source: {system: bus, fields: \"id, name, amount\"}\n"
                    + "    target: {system: lite, table: " + table + "}\n";
            java.nio.file.Path file = dir.resolve("app.udl");
            java.nio.file.Files.writeString(file, udl);
            io.unikernal.udl.model.UdlDocument doc = new io.unikernal.udl.parse.UdlParser(
                    io.unikernal.plugins.Adapters.installed()).load(file);
            try (io.unikernal.etl.run.PipelineApp pipelines = io.unikernal.etl.run.PipelineApp.start(doc, dir)) {
                assertThat(pipelines.run("publish", io.unikernal.etl.run.Progress.NONE).written()).isEqualTo(3);
                assertThat(pipelines.run("store", io.unikernal.etl.run.Progress.NONE).written()).isEqualTo(3);
                assertThat(pipelines.run("publish", io.unikernal.etl.run.Progress.NONE).read()).isZero();
                assertThat(pipelines.run("store", io.unikernal.etl.run.Progress.NONE).read()).isZero();
            }
            assertThat(lite.rows("SELECT id, name, amount FROM " + table + " ORDER BY id")).containsExactly(
                    List.of("1", "Ann, A.", "1.5"), List.of("2", "Bob", "2"), List.of("3", "Cy", "3.25"));
            assertThat(committedIds(topic)).containsExactlyInAnyOrder(1L, 2L, 3L);
        }
    }

    private Process start(String from, String topic, String namespace, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TransferChild.class.getName(), from,
                "kafka:" + broker.bootstrap(), topic, namespace, dir.toString(), "200"));
        return new ProcessBuilder(command).redirectError(dir.resolve("child-" + System.nanoTime() + ".err").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<Long> committedIds(String topic) {
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readTopic(topic, "read_committed")) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            ids.add(Long.parseLong(value.replaceAll("^\\{\"id\":\"?(\\d+)\"?,.*", "$1")));
        }
        return ids;
    }

    private static long uncommittedCount(String topic) {
        return readTopic(topic, "read_uncommitted").size();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readTopic(String topic, String isolation) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
