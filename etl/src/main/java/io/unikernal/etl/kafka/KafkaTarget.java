package io.unikernal.etl.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.etl.crash.KillPoints;
import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A Kafka topic as a pipeline's target: each record a JSON object of its fields (keyed by the {@code key} field's
 * value when one is named), a batch sent in one Kafka transaction together with its checkpoint record
 * ({@link KafkaCheckpoints}), so a consumer reading committed records ({@code isolation.level=read_committed}) sees a
 * batch whole with its checkpoint, or neither. The transactional id is the pipeline's ({@code <namespace>/<topic>}):
 * a restarted run's {@code initTransactions} aborts what a killed run left open and fences it, should it still be
 * alive. A consumer reading uncommitted records may see an aborted batch: only read_committed gives "exactly once".
 */
public final class KafkaTarget implements RecordTarget {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final String topic;
    private final String keyField;
    private final String transactionalId;
    private final KafkaCheckpoints checkpoints;
    private KafkaProducer<byte[], byte[]> producer;
    private List<String> names;
    private int keyIndex = -1;
    private final List<ProducerRecord<byte[], byte[]>> buffer = new ArrayList<>();
    private long bufferedBytes;
    private final Map<String, String> committed = new LinkedHashMap<>();

    /** @param keyField the field whose value keys each record; null: no key */
    public KafkaTarget(String bootstrap, String topic, String keyField, String namespace) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.keyField = keyField;
        this.transactionalId = namespace + "/" + topic;
        this.checkpoints = new KafkaCheckpoints(bootstrap, namespace);
    }

    @Override
    public void open(List<Field> fields) throws IOException {
        names = fields.stream().map(Field::name).toList();
        if (keyField != null) {
            keyIndex = names.indexOf(keyField);
            if (keyIndex < 0) {
                throw new PipelineException("the key field " + keyField + " is not among the fields written to "
                        + describe() + " " + names + ": write it, or name another key");
            }
        }
        checkpoints.create();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try {
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
            producer.initTransactions(); // aborts and fences what a killed run of this pipeline left open
        } catch (KafkaException e) {
            throw new PipelineException("cannot open " + describe() + ": " + e.getMessage());
        }
    }

    @Override
    public void add(Object[] values) throws BadValue {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Object value = values[i];
            object.put(names.get(i), value == null || value instanceof Number || value instanceof Boolean
                    || value instanceof String || value instanceof Map || value instanceof List ? value
                            : value.toString());
        }
        byte[] value;
        try {
            value = JSON.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new BadValue("the record cannot be written as JSON: " + e.getMessage());
        }
        byte[] key = null;
        if (keyIndex >= 0) {
            if (values[keyIndex] == null) {
                throw new BadValue("the key field " + keyField + " is empty");
            }
            key = values[keyIndex].toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        buffer.add(new ProducerRecord<>(topic, key, value));
        bufferedBytes += value.length + (key == null ? 0 : key.length);
    }

    @Override
    public int bufferedRecords() {
        return buffer.size();
    }

    @Override
    public long bufferedBytes() {
        return bufferedBytes;
    }

    @Override
    public long commit(String name, String expected, String next) throws IOException {
        String known = committed.containsKey(name) ? committed.get(name) : checkpoints.position(name).orElse(null);
        if (!Objects.equals(known, expected)) {
            throw new CheckpointMoved("checkpoint " + name + " of " + describe() + " is at " + known + ", not "
                    + expected + ": another run of the pipeline moved it; this run stops without writing its batch");
        }
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : buffer) {
                producer.send(record);
            }
            producer.send(checkpoints.record(name, next));
            producer.flush();
            KillPoints.reach("kafka-commit");
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw new CheckpointMoved("another run of the pipeline took over " + describe() + " (transactional id "
                    + transactionalId + "): this run stops without writing its batch");
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // the producer is unusable; the broker aborts the transaction when it times out or is fenced
            }
            throw new PipelineException("the batch into " + describe() + " failed: " + e.getMessage());
        }
        committed.put(name, next);
        long written = buffer.size();
        buffer.clear();
        bufferedBytes = 0;
        return written;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    public String describe() {
        return "topic " + topic;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
