package io.unikernal.adapter.kafka;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The module's own tests' UDL apps: compiled with the installed adapters plus the contract suite's probe
 * ({@code contract-probe}: an in-process feed and a recorder) and run in process; and what they need to look at
 * Kafka: a topic's records, a group's committed offsets.
 */
final class KafkaApps {

    static final Adapters ADAPTERS = ProbeApps.with(Adapters.installed().all().values().toArray(Adapter[]::new));

    private KafkaApps() {
    }

    static CompiledApp compile(String name, String udl, Path workDir) {
        return new UdlCompiler(ADAPTERS).compile(new UdlParser(ADAPTERS).parse(name + ".udl.yaml", udl).orThrow(),
                workDir, CompileOptions.DEFAULT);
    }

    static UdlRuntime start(String name, String udl, Path workDir) throws Exception {
        return UdlRuntime.start(compile(name, udl, workDir), Map.of());
    }

    /** The ids of the bodies a probe system of the app recorded (for a dead-letter record: of its payload). */
    static List<String> ids(String app, String system) {
        List<String> ids = new ArrayList<>();
        for (Probes.Record record : Probes.recorded(app, system)) {
            Object body = record.body();
            if (body instanceof Map<?, ?> map && map.get("payload") instanceof String payload) {
                // a dead-letter record keeps the payload as it was received
                body = io.unikernal.runtime.StrictJson.read(payload, Object.class);
            }
            if (body instanceof Map<?, ?> map && map.get("id") != null) {
                ids.add(String.valueOf(map.get("id")));
            }
        }
        return ids;
    }

    /** Every record of the topic so far, in partition and offset order. */
    static List<ConsumerRecord<String, String>> records(KafkaBroker broker, String topic, int partitions) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = KafkaPeers.reader(broker, topic, partitions);
                Admin admin = broker.admin()) {
            long end = 0;
            for (int p = 0; p < partitions; p++) {
                end += endOffset(admin, new TopicPartition(topic, p));
            }
            for (int polls = 0; polls < 600 && all.size() < end; polls++) {
                reader.poll(Duration.ofMillis(100)).forEach(all::add);
            }
        }
        all.sort(java.util.Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return all;
    }

    static long endOffset(Admin admin, TopicPartition partition) {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(30, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offset of " + partition + ": " + e, e);
        }
    }

    /** The group's committed offset on partition 0 of the topic; 0 when it committed none. */
    static long committed(KafkaBroker broker, String group, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = broker.admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(partition);
            return offset == null ? 0 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e, e);
        }
    }

    /** The ids among values that occur more than once. */
    static Set<String> repeated(List<String> ids) {
        Set<String> seen = new java.util.HashSet<>();
        Set<String> twice = new TreeSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                twice.add(id);
            }
        }
        return twice;
    }
}
