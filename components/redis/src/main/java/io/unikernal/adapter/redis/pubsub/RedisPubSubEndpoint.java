package io.unikernal.adapter.redis.pubsub;

import io.unikernal.adapter.redis.RedisConnection;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** A Redis channel: {@code SUBSCRIBE} (or {@code PSUBSCRIBE}) as a consumer, {@code PUBLISH} as a producer. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "redis-pubsub", title = "Redis Pub/Sub", syntax = "redis-pubsub:channel",
        category = {Category.MESSAGING}, headersClass = RedisPubSubConstants.class)
public class RedisPubSubEndpoint extends DefaultEndpoint {

    @UriPath(description = "The channel (or, with pattern, the glob pattern of channels).")
    @Metadata(required = true)
    private String channel;
    @UriParam(description = "The pooled Redis connection (a bean reference, #bean:name).")
    private RedisConnection connection;
    @UriParam(label = "consumer", defaultValue = "false", description = "Subscribe to the channels the glob pattern"
            + " matches (PSUBSCRIBE).")
    private boolean pattern;
    @UriParam(label = "consumer", defaultValue = "100", javaType = "java.time.Duration",
            description = "The first wait before subscribing again after the connection was lost, doubling up to"
                    + " reconnectDelayMax, in milliseconds.")
    private long reconnectDelay = 100;
    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
            description = "The longest wait between attempts to subscribe again, in milliseconds.")
    private long reconnectDelayMax = 5000;
    @UriParam(label = "producer", defaultValue = "false", description = "Fail a PUBLISH that no subscriber received,"
            + " so the route retries or dead-letters it instead of it reaching nobody.")
    private boolean requireSubscriber;

    public RedisPubSubEndpoint() {
    }

    public RedisPubSubEndpoint(String uri, RedisPubSubComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        return new RedisPubSubProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RedisPubSubConsumer consumer = new RedisPubSubConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (connection == null) {
            throw new IllegalArgumentException("the redis-pubsub endpoint of " + channel + " has no connection");
        }
    }

    public String getChannel() {
        return channel;
    }

    /** The channel or pattern. */
    public void setChannel(String channel) {
        this.channel = channel;
    }

    public RedisConnection getConnection() {
        return connection;
    }

    /** The pooled Redis connection. */
    public void setConnection(RedisConnection connection) {
        this.connection = connection;
    }

    public boolean isPattern() {
        return pattern;
    }

    /** Subscribe to the channels the glob pattern matches. */
    public void setPattern(boolean pattern) {
        this.pattern = pattern;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    /** The first wait before subscribing again, in milliseconds. */
    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = Math.max(1, reconnectDelay);
    }

    public long getReconnectDelayMax() {
        return reconnectDelayMax;
    }

    /** The longest wait between attempts to subscribe again, in milliseconds. */
    public void setReconnectDelayMax(long reconnectDelayMax) {
        this.reconnectDelayMax = Math.max(1, reconnectDelayMax);
    }

    public boolean isRequireSubscriber() {
        return requireSubscriber;
    }

    /** Fail a PUBLISH that no subscriber received. */
    public void setRequireSubscriber(boolean requireSubscriber) {
        this.requireSubscriber = requireSubscriber;
    }
}
