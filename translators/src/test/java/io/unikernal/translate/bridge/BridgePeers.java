package io.unikernal.translate.bridge;

import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The bridge tests' own Kafka clients (a producer of text records, a reader of a topic from its start) and runs. */
final class BridgePeers {

    private BridgePeers() {
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Runs the scenario in process and from the emitted YAML, and asserts both gave the same outcome. */
    static <T> T bothWays(String udl, java.nio.file.Path workDir, io.unikernal.udl.testing.TwoWayRun.Scenario<T> scenario)
            throws Exception {
        io.unikernal.udl.testing.TwoWayRun.Outcomes<T> outcomes = io.unikernal.udl.testing.TwoWayRun.run(
                "bridge.udl.yaml", udl, java.util.Map.of(), workDir, scenario);
        org.assertj.core.api.Assertions.assertThat(outcomes.emitted()).as("from the emitted YAML as in process")
                .isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    static KafkaConsumer<String, String> reader(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> reader = new KafkaConsumer<>(props);
        reader.subscribe(List.of(topic));
        return reader;
    }
}
