package io.unikernal.etl.kafka;

import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Pipeline checkpoints of a Kafka target in Kafka itself: a compacted topic of one partition
 * ({@link #TOPIC}), one record per checkpoint keyed {@code <namespace>/<name>}, its value the position (no value:
 * removed). The target writes a batch's checkpoint record in the batch's own transaction ({@link #record}), so the
 * records and the checkpoint become visible together; a reader sees committed records only
 * ({@code read_committed}). Standalone {@link #save} and {@link #advance} (for {@code etl status} and resets) write
 * with an idempotent producer: their compare-and-set is a read then a write, not atomic — two runs of one pipeline
 * are kept apart by the target's transactional id instead (the second fences the first).
 */
public final class KafkaCheckpoints implements CheckpointStore {

    /** The topic every Kafka target's checkpoints are kept in. */
    public static final String TOPIC = "unikernal-etl-checkpoints";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String namespace;
    private volatile boolean created;

    public KafkaCheckpoints(String bootstrap, String namespace) {
        this.bootstrap = bootstrap;
        this.namespace = namespace;
    }

    /** The record that moves checkpoint {@code name} to {@code position}, for the target's transaction. */
    ProducerRecord<byte[], byte[]> record(String name, String position) {
        CheckpointStore.checkSizes(name, position);
        return new ProducerRecord<>(TOPIC, 0, key(name), position == null ? null
                : position.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] key(String name) {
        return (namespace + "/" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** Creates the compacted topic when it is missing. */
    void create() {
        if (created) {
            return;
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the checkpoint topic " + TOPIC + ": "
                        + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the checkpoint topic " + TOPIC, e);
        }
        created = true;
    }

    @Override
    public Optional<String> position(String name) {
        CheckpointStore.checkSizes(name, null);
        create();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        byte[] key = key(name);
        String found = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), WAIT).get(partition);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition, WAIT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the checkpoint topic " + TOPIC + " was not read to its end within "
                            + WAIT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (java.util.Arrays.equals(r.key(), key)) {
                        found = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public void save(String name, String position) {
        write(record(name, position));
    }

    @Override
    public boolean advance(String name, String expected, String next) {
        if (!java.util.Objects.equals(position(name).orElse(null), expected)) {
            return false;
        }
        write(record(name, next));
        return true;
    }

    @Override
    public void remove(String name) {
        write(record(name, null));
    }

    private void write(ProducerRecord<byte[], byte[]> record) {
        create();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write a checkpoint to " + TOPIC + ": " + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a checkpoint", e);
        }
    }
}
