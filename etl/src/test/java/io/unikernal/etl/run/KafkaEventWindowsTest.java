package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.kafka.KafkaBroker;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event-time windows of a stream from a topic of the in-process KRaft broker into PostgreSQL: windows handed on as
 * the watermark passes them, a late record rejected, and a stop with a window open resumed so that window is
 * handed on once, whole.
 */
class KafkaEventWindowsTest extends PostgresTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.launch();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private UdlRuntime start(String udl) throws Exception {
        Files.writeString(dir.resolve("app.udl"), udl);
        var doc = new UdlParser(Adapters.installed()).parse(dir.resolve("app.udl").toString(), udl).orThrow();
        return UdlRuntime.start(new UdlCompiler(Adapters.installed()).compile(doc, dir, CompileOptions.DEFAULT),
                Map.of());
    }

    private static void produce(String topic, String... events) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (String event : events) {
                String[] f = event.split(",");
                producer.send(new ProducerRecord<>(topic, f[1], "{\"ts\":\"2026-12-01T" + f[0] + ":00Z\","
                        + "\"region\":\"" + f[1] + "\",\"amount\":" + f[2] + "}"));
            }
        }
    }

    @Test
    void aStreamsEventTimeWindowsAreHandedOnOnceAndALateRecordIsRejectedAcrossAStop() throws Exception {
        String topic = "etl-events-" + Long.toString(System.nanoTime(), 36);
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        String table = pg.table("etl_kwin", "region text, window_start timestamptz, window_end timestamptz,"
                + " n bigint, total numeric");
        String udl = Pg.udlSystems(pg.app("etlkwin")).replace("systems:\n", "systems:\n  bus: {adapter: kafka,"
                + " brokers: \"" + broker.bootstrap() + "\", topic: " + topic + "}\n")
                + "pipelines:\n  - name: load\n    stream: true\n"
                + "    source: {system: bus, fields: \"ts, region, amount\"}\n"
                + "    transform:\n      - aggregate: {by: [region], count: n, sum: {total: amount}, window: 10m,"
                + " time: ts}\n"
                + "    target: {system: db, table: " + table + "}\n"
                + "    batch: {rows: 1, time: 200ms}\n    rejects: {path: rejects.jsonl, threshold: 10}\n";
        String windows = "SELECT region, to_char(window_start AT TIME ZONE 'UTC', 'HH24:MI'), n, total FROM " + table
                + " ORDER BY window_start, region";
        produce(topic, "00:01,eu,1", "00:04,us,2", "00:12,eu,4", "00:03,eu,8", "00:15,eu,16", "00:25,eu,32");
        try (UdlRuntime runtime = start(udl)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pg.count("SELECT count(*) FROM "
                    + table) == 3);
        }
        assertThat(pg.rows(windows)).containsExactly(List.of("eu", "00:00", "1", "1"), List.of("us", "00:00", "1",
                "2"), List.of("eu", "00:10", "2", "20"));
        assertThat(Files.readString(dir.resolve("rejects.jsonl"))).contains("late: its time 2026-12-01T00:03:00Z");

        produce(topic, "00:31,eu,64"); // the watermark passes [00:20, 00:30), open at the stop
        try (UdlRuntime runtime = start(udl)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pg.count("SELECT count(*) FROM "
                    + table) == 4);
        }
        assertThat(pg.rows(windows)).containsExactly(List.of("eu", "00:00", "1", "1"), List.of("us", "00:00", "1",
                "2"), List.of("eu", "00:10", "2", "20"), List.of("eu", "00:20", "1", "32"));
        assertThat(Files.readAllLines(dir.resolve("rejects.jsonl"))).as("the late record rejected once").hasSize(1);
    }
}
