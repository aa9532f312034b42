package io.unikernal.adapter.redis.streams;

import io.unikernal.adapter.redis.RedisConnection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * A Redis stream. As a consumer: one member of a consumer group, reading new entries, its own pending entries after a
 * restart and, every {@code reclaimInterval}, the entries other members left pending for longer than
 * {@code reclaimIdle}; an entry is acknowledged when its exchange completes, and left pending when it fails. As a
 * producer: {@code XADD} of the body (as the {@code payloadField}) and the headers the header filter lets through.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "redis-streams", title = "Redis Streams",
        syntax = "redis-streams:stream", category = {Category.MESSAGING}, headersClass = RedisStreamsConstants.class)
public class RedisStreamsEndpoint extends DefaultEndpoint implements HeaderFilterStrategyAware {

    @UriPath(description = "The key of the stream.")
    @Metadata(required = true)
    private String stream;
    @UriParam(description = "The pooled Redis connection (a bean reference, #bean:name).")
    private RedisConnection connection;
    @UriParam(defaultValue = "payload", description = "The entry field that holds the message body.")
    private String payloadField = "payload";
    @UriParam(label = "advanced", description = "Which headers become entry fields (producer) and which entry fields"
            + " become headers (consumer); by default every one but Camel's own.")
    private HeaderFilterStrategy headerFilterStrategy;

    @UriParam(label = "consumer", description = "The consumer group; required for a consumer.")
    private String group;
    @UriParam(label = "consumer", description = "This consumer's name in its group: stable across restarts of the same"
            + " instance, so it resumes its own pending entries at once; the host name when absent.")
    private String consumerName;
    @UriParam(label = "consumer", defaultValue = "true", description = "Create the group (and the stream) when it does"
            + " not exist.")
    private boolean createGroup = true;
    @UriParam(label = "consumer", defaultValue = "beginning", enums = "beginning,end",
            description = "Where a group created by this consumer starts: the stream's first entry, or only entries"
                    + " added after it.")
    private String groupStart = "beginning";
    @UriParam(label = "consumer", defaultValue = "10", description = "The most entries one read returns (COUNT).")
    private int batchSize = 10;
    @UriParam(label = "consumer", defaultValue = "1000", javaType = "java.time.Duration",
            description = "How long one read waits for new entries (BLOCK), in milliseconds.")
    private long block = 1000;
    @UriParam(label = "consumer", defaultValue = "60000", javaType = "java.time.Duration",
            description = "How long an entry stays pending with another consumer before this one takes it over"
                    + " (XAUTOCLAIM min-idle-time), in milliseconds: longer than the longest time a route takes.")
    private long reclaimIdle = 60000;
    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
            description = "How often the consumer looks for entries to take over, in milliseconds.")
    private long reclaimInterval = 5000;
    @UriParam(label = "consumer", defaultValue = "100", javaType = "java.time.Duration",
            description = "The first wait after a failed read, doubling up to reconnectDelayMax, in milliseconds.")
    private long reconnectDelay = 100;
    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
            description = "The longest wait between reads while the server cannot be reached, in milliseconds.")
    private long reconnectDelayMax = 5000;

    @UriParam(label = "producer", description = "Trim the stream to about this many entries on each XADD (MAXLEN);"
            + " 0 keeps every entry.")
    private long maxLength;
    @UriParam(label = "producer", defaultValue = "true", description = "Trim approximately (MAXLEN ~), which Redis does"
            + " whole nodes at a time and cheaply; false trims to exactly maxLength.")
    private boolean approximateTrim = true;

    public RedisStreamsEndpoint() {
    }

    public RedisStreamsEndpoint(String uri, RedisStreamsComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        return new RedisStreamsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a redis-streams consumer of " + stream + " needs its group");
        }
        RedisStreamsConsumer consumer = new RedisStreamsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (connection == null) {
            throw new IllegalArgumentException("the redis-streams endpoint of " + stream + " has no connection");
        }
        if (headerFilterStrategy == null) {
            DefaultHeaderFilterStrategy camelOnes = new DefaultHeaderFilterStrategy();
            camelOnes.setOutFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
            camelOnes.setInFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
            headerFilterStrategy = camelOnes;
        }
    }

    /** The consumer name: the configured one, or this host's name. */
    String effectiveConsumerName() {
        if (consumerName != null && !consumerName.isBlank()) {
            return consumerName;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unikernal";
        }
    }

    public String getStream() {
        return stream;
    }

    /** The key of the stream. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    public RedisConnection getConnection() {
        return connection;
    }

    /** The pooled Redis connection. */
    public void setConnection(RedisConnection connection) {
        this.connection = connection;
    }

    public String getPayloadField() {
        return payloadField;
    }

    /** The entry field that holds the message body. */
    public void setPayloadField(String payloadField) {
        this.payloadField = payloadField;
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    /** Which headers become entry fields and which entry fields become headers. */
    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    public String getGroup() {
        return group;
    }

    /** The consumer group. */
    public void setGroup(String group) {
        this.group = group;
    }

    public String getConsumerName() {
        return consumerName;
    }

    /** This consumer's name in its group. */
    public void setConsumerName(String consumerName) {
        this.consumerName = consumerName;
    }

    public boolean isCreateGroup() {
        return createGroup;
    }

    /** Create the group (and the stream) when it does not exist. */
    public void setCreateGroup(boolean createGroup) {
        this.createGroup = createGroup;
    }

    public String getGroupStart() {
        return groupStart;
    }

    /** Where a group created by this consumer starts: beginning or end. */
    public void setGroupStart(String groupStart) {
        if (!"beginning".equals(groupStart) && !"end".equals(groupStart)) {
            throw new IllegalArgumentException("groupStart is beginning or end, not " + groupStart);
        }
        this.groupStart = groupStart;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** The most entries one read returns. */
    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public long getBlock() {
        return block;
    }

    /** How long one read waits for new entries, in milliseconds. */
    public void setBlock(long block) {
        this.block = positive("block", block);
    }

    public long getReclaimIdle() {
        return reclaimIdle;
    }

    /** How long an entry stays pending with another consumer before this one takes it over, in milliseconds. */
    public void setReclaimIdle(long reclaimIdle) {
        this.reclaimIdle = positive("reclaimIdle", reclaimIdle);
    }

    public long getReclaimInterval() {
        return reclaimInterval;
    }

    /** How often the consumer looks for entries to take over, in milliseconds. */
    public void setReclaimInterval(long reclaimInterval) {
        this.reclaimInterval = positive("reclaimInterval", reclaimInterval);
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    /** The first wait after a failed read, in milliseconds. */
    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = positive("reconnectDelay", reconnectDelay);
    }

    public long getReconnectDelayMax() {
        return reconnectDelayMax;
    }

    /** The longest wait between reads while the server cannot be reached, in milliseconds. */
    public void setReconnectDelayMax(long reconnectDelayMax) {
        this.reconnectDelayMax = positive("reconnectDelayMax", reconnectDelayMax);
    }

    public long getMaxLength() {
        return maxLength;
    }

    /** Trim the stream to about this many entries on each XADD; 0 keeps every entry. */
    public void setMaxLength(long maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be 0 or more, not " + maxLength);
        }
        this.maxLength = maxLength;
    }

    public boolean isApproximateTrim() {
        return approximateTrim;
    }

    /** Trim approximately (MAXLEN ~); false trims exactly. */
    public void setApproximateTrim(boolean approximateTrim) {
        this.approximateTrim = approximateTrim;
    }

    private static long positive(String name, long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, not " + millis);
        }
        return millis;
    }
}
