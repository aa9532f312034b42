package io.unikernal.adapter.redis.pubsub;

import org.apache.camel.spi.Metadata;

/** The headers of the {@code redis-pubsub} component. */
public final class RedisPubSubConstants {

    @Metadata(label = "consumer", description = "The channel the message was published on.", javaType = "String")
    public static final String CHANNEL = "CamelRedisPubSubChannel";
    @Metadata(label = "consumer", description = "The pattern that matched the channel (pattern subscriptions only).",
            javaType = "String")
    public static final String PATTERN = "CamelRedisPubSubPattern";
    @Metadata(label = "producer", description = "How many subscribers received the published message.",
            javaType = "long")
    public static final String RECEIVERS = "CamelRedisPubSubReceivers";

    private RedisPubSubConstants() {
    }
}
