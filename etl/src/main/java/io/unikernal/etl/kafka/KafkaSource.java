package io.unikernal.etl.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A Kafka topic as a pipeline's source: every partition assigned (no consumer group: the position is the pipeline's
 * checkpoint, kept in the target's transaction, not the group's committed offset), committed records only
 * ({@code read_committed}), each record's value a JSON object whose fields are the declared ones (as text; the target
 * types them). The position is the next offset of every partition, {@code {"0":1200,"1":1187}}.
 *
 * <p>Bounded (a batch run): it reads up to each partition's end offset at the time it opened. Unbounded
 * ({@code follow}): on past it; {@link #next()} returns {@code null} when a poll brings nothing. The backfill's last
 * committed position is where the stream starts: each partition from the offset after its last record read.
 */
public final class KafkaSource implements RecordSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String topic;
    private final List<Field> fields;
    private final boolean follow;
    private final Duration poll;
    private KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Long> next = new TreeMap<>();
    private Map<TopicPartition, Long> ends;
    private Iterator<ConsumerRecord<byte[], byte[]>> polled = java.util.Collections.emptyIterator();
    private long bytes;

    public KafkaSource(String bootstrap, String topic, List<String> fields, boolean follow, Duration poll) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.fields = fields.stream().map(Field::text).toList();
        this.follow = follow;
        this.poll = poll;
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    @Override
    public boolean resume(String position) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try {
            Map<String, Long> saved = position == null ? Map.of()
                    : JSON.readValue(position, new TypeReference<Map<String, Long>>() { });
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<PartitionInfo> infos = consumer.partitionsFor(topic, WAIT);
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, WAIT);
            ends = consumer.endOffsets(partitions, WAIT);
            for (TopicPartition partition : partitions) {
                Long offset = saved.get(String.valueOf(partition.partition()));
                if (offset != null && offset > ends.get(partition)) {
                    return false; // the topic has fewer records than the checkpoint: deleted and made anew
                }
                long from = offset != null ? Math.max(offset, starts.get(partition)) : starts.get(partition);
                consumer.seek(partition, from);
                next.put(partition.partition(), from);
            }
            return true;
        } catch (KafkaException | IllegalArgumentException e) {
            throw new PipelineException("cannot read topic " + topic + ": " + e.getMessage());
        }
    }

    @Override
    public SourceRecord next() throws IOException {
        try {
            while (!polled.hasNext()) {
                if (!follow && reachedEnds()) {
                    return null;
                }
                polled = consumer.poll(poll).iterator();
                if (!polled.hasNext() && follow) {
                    return null;
                }
            }
            ConsumerRecord<byte[], byte[]> record = polled.next();
            if (!follow && record.offset() >= ends.get(new TopicPartition(topic, record.partition()))) {
                return next(); // written after the batch run began: the stream's
            }
            next.put(record.partition(), record.offset() + 1);
            bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
            return record(record);
        } catch (KafkaException e) {
            throw new PipelineException("cannot read topic " + topic + ": " + e.getMessage());
        }
    }

    private boolean reachedEnds() {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), WAIT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private SourceRecord record(ConsumerRecord<byte[], byte[]> record) {
        String where = topic + "-" + record.partition() + "@" + record.offset();
        String text = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        Map<String, Object> object;
        try {
            object = text == null ? null : JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            object = null;
        }
        if (object == null) {
            return SourceRecord.bad("the record's value is no JSON object", text, where);
        }
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = object.get(fields.get(i).name());
            try {
                values[i] = value == null || value instanceof String ? value : value instanceof Map
                        || value instanceof List ? JSON.writeValueAsString(value) : value.toString();
            } catch (IOException e) {
                return SourceRecord.bad("field " + fields.get(i).name() + " cannot be read", text, where);
            }
        }
        return SourceRecord.of(values, where);
    }

    @Override
    public String position() {
        try {
            Map<String, Long> text = new TreeMap<>();
            next.forEach((p, o) -> text.put(String.valueOf(p), o));
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean unbounded() {
        return follow;
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    @Override
    public String describe() {
        return "topic " + topic;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
