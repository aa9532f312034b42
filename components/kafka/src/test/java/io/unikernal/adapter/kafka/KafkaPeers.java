package io.unikernal.adapter.kafka;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.SystemPeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Topics of the in-process broker as the contract suite's peers: each peer has a topic of its own (a unique name,
 * one partition), made when it opens and deleted when it closes; a peer on a private broker owns it and closes it.
 * The source peer sends as a real producer does (acks=all, the id as key, the correlation id as
 * {@code X-Correlation-Id}); the target peer reads the topic from the beginning and decodes each record.
 */
final class KafkaPeers {

    private KafkaPeers() {
    }

    /** A topic name unique to this run. */
    static String uniqueTopic(String what) {
        return "unikernal-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A topic unique to this run, made on the broker with this many partitions. */
    static String newTopic(KafkaBroker broker, String what, int partitions) {
        String topic = uniqueTopic(what);
        createTopic(broker, topic, partitions);
        return topic;
    }

    /** An app name unique to this run: also its consumer group. */
    static String appName(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void createTopic(KafkaBroker broker, String topic, int partitions) {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + " on " + broker + ": " + e, e);
        }
    }

    static KafkaProducer<String, String> producer(KafkaBroker broker) {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** A consumer of no group, reading {@code topic}'s partitions from the beginning. */
    static KafkaConsumer<String, String> reader(KafkaBroker broker, String topic, int partitions) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
        return consumer;
    }

    /** A record as the contract suite reads it: the JSON value, the envelope from the record headers. */
    static Received decode(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(),
                    StandardCharsets.UTF_8));
        }
        Object body;
        try {
            body = StrictJson.read(record.value(), Object.class);
        } catch (RuntimeException notJson) {
            body = record.value();
        }
        return new Received(body, headers.get(KafkaHeaders.CORRELATION_ID), headers.get(KafkaHeaders.SCHEMA),
                headers.get(KafkaHeaders.SCHEMA_VERSION), headers);
    }

    /** What both peers share: the broker, the topic, the system's declaration, the clean-up. */
    abstract static class Topic implements SystemPeer {
        final KafkaBroker broker;
        final String topic;
        private final boolean owned;

        Topic(KafkaBroker broker, boolean owned, String what) {
            this.broker = broker;
            this.owned = owned;
            this.topic = uniqueTopic(what);
            createTopic(broker, topic, 1);
        }

        @Override
        public String system() {
            return "{adapter: kafka, brokers: \"" + broker.bootstrap() + "\", topic: " + topic + "}";
        }

        @Override
        public Optional<RestartableServer> server() {
            return owned ? Optional.of(broker) : Optional.empty();
        }

        @Override
        public void close() throws Exception {
            closeClients();
            if (owned) {
                broker.close();
            } else {
                try (Admin admin = broker.admin()) {
                    admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                }
            }
        }

        abstract void closeClients();
    }

    /** Sends records to the topic the source consumes. */
    static final class Source extends Topic implements SourcePeer {
        private final KafkaProducer<String, String> producer;

        Source(KafkaBroker broker, boolean owned) {
            super(broker, owned, "source");
            this.producer = producer(broker);
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) throws Exception {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, message.id(), message.json());
            record.headers().add(KafkaHeaders.CORRELATION_ID, message.correlationId().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(60, TimeUnit.SECONDS);
            return null;
        }

        @Override
        void closeClients() {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Reads what the target wrote to the topic. */
    static final class Target extends Topic implements TargetPeer {
        private final KafkaConsumer<String, String> reader;
        private final List<Received> received = new ArrayList<>();

        Target(KafkaBroker broker, boolean owned) {
            super(broker, owned, "target");
            this.reader = reader(broker, topic, 1);
        }

        @Override
        public synchronized List<Received> received() {
            for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(100))) {
                received.add(decode(record));
            }
            return List.copyOf(received);
        }

        @Override
        synchronized void closeClients() {
            reader.close(Duration.ofSeconds(5));
        }
    }
}
