package io.unikernal.adapter.nats.jetstream;

import org.apache.camel.spi.Metadata;

/** The headers the {@code nats-jetstream} consumer sets on each exchange, besides the NATS message's own. */
public final class JetStreamConstants {

    @Metadata(description = "The subject the message was published to.", javaType = "String")
    public static final String SUBJECT = "CamelNatsSubject";
    @Metadata(description = "The stream the message is kept in.", javaType = "String")
    public static final String STREAM = "CamelNatsJetStreamStream";
    @Metadata(description = "The message's sequence number in its stream.", javaType = "long")
    public static final String STREAM_SEQUENCE = "CamelNatsJetStreamSequence";
    @Metadata(description = "How many times the consumer has been given the message, this time included.",
            javaType = "long")
    public static final String DELIVERED_COUNT = "CamelNatsJetStreamDeliveredCount";

    private JetStreamConstants() {
    }
}
