package io.unikernal.adapter.redis.streams;

import org.apache.camel.spi.Metadata;

/** The headers of the {@code redis-streams} component. */
public final class RedisStreamsConstants {

    @Metadata(label = "consumer", description = "The key of the stream the entry was read from.", javaType = "String")
    public static final String STREAM = "CamelRedisStreamsStream";
    @Metadata(description = "The id of the entry: the one read (consumer), or the one XADD gave it (producer).",
            javaType = "String")
    public static final String ENTRY_ID = "CamelRedisStreamsEntryId";
    @Metadata(label = "consumer", description = "The consumer group that read the entry.", javaType = "String")
    public static final String GROUP = "CamelRedisStreamsGroup";
    @Metadata(label = "consumer", description = "True when the entry was taken over from another consumer's pending"
            + " entries (XAUTOCLAIM) or re-read from this consumer's own after a restart, i.e. it may have been"
            + " processed before.", javaType = "boolean")
    public static final String REDELIVERED = "CamelRedisStreamsRedelivered";
    @Metadata(label = "consumer", description = "How many times the group has delivered the entry, this delivery"
            + " included: 1 for a new entry, the pending entry's delivery count (XPENDING) for a redelivered one.",
            javaType = "long")
    public static final String DELIVERY_COUNT = "CamelRedisStreamsDeliveryCount";

    private RedisStreamsConstants() {
    }
}
