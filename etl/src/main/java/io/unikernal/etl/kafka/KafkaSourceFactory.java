package io.unikernal.etl.kafka;

import io.unikernal.etl.spi.RecordSource;
import java.time.Duration;
import java.util.Arrays;

/** The bean a kafka source compiles to: opens a {@link KafkaSource} per run. */
public final class KafkaSourceFactory implements RecordSource.Factory {

    private String bootstrap;
    private String topic;
    private String fields;
    private boolean follow;

    @Override
    public RecordSource create() {
        return open(follow);
    }

    /** The topic followed past its end offsets, from the same offsets {@link #create()}'s position names. */
    @Override
    public RecordSource createStream() {
        return open(true);
    }

    private RecordSource open(boolean stream) {
        return new KafkaSource(bootstrap, topic, Arrays.stream(fields.split(",")).map(String::strip).toList(), stream,
                Duration.ofSeconds(1));
    }

    @Override
    public String checkpointName() {
        return "topic:" + topic;
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

    public void setFields(String fields) {
        this.fields = fields;
    }

    /** True for a stream: the topic is followed past its end offsets. */
    public void setFollow(boolean follow) {
        this.follow = follow;
    }
}
