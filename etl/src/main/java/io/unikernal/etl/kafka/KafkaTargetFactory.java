package io.unikernal.etl.kafka;

import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.runtime.checkpoint.CheckpointStore;

/** The bean a kafka target compiles to: opens a {@link KafkaTarget} per run; its checkpoints are in Kafka. */
public final class KafkaTargetFactory implements RecordTarget.Factory {

    private String bootstrap;
    private String topic;
    private String namespace;
    private String recordKey;

    @Override
    public RecordTarget create() {
        return new KafkaTarget(bootstrap, topic, recordKey, namespace);
    }

    @Override
    public CheckpointStore checkpoints() {
        return new KafkaCheckpoints(bootstrap, namespace);
    }

    @Override
    public String describe() {
        return "topic " + topic;
    }

    public void setBootstrap(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public void setRecordKey(String recordKey) {
        this.recordKey = recordKey;
    }
}
