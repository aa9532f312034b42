package io.unikernal.adapter.nats.jetstream;

import io.nats.client.Connection;
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

/** Consumes a JetStream stream through a durable pull consumer, acknowledging after the route. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "nats-jetstream", title = "NATS JetStream", syntax = "nats-jetstream:stream",
        consumerOnly = true, category = { Category.MESSAGING }, headersClass = JetStreamConstants.class)
public class JetStreamEndpoint extends DefaultEndpoint implements HeaderFilterStrategyAware {

    @UriPath(description = "The stream to consume; it must exist.")
    @Metadata(required = true)
    private String stream;
    @UriParam(description = "The NATS connection to use (it stays open when the endpoint stops).")
    @Metadata(required = true)
    private Connection connection;
    @UriParam(description = "The durable consumer's name: created if missing, updated to these settings if present;"
            + " every consumer that binds it shares its messages.")
    @Metadata(required = true)
    private String durable;
    @UriParam(description = "Only messages of subjects this matches ('*', '>' wildcards); all of the stream's when"
            + " absent.")
    private String filterSubject;
    @UriParam(defaultValue = "30000", description = "Milliseconds the server waits for an acknowledgement before it"
            + " delivers a message again; a message still in the route is kept from that by progress signals.")
    private long ackWait = 30_000;
    @UriParam(defaultValue = "5", description = "How many times the server delivers one message at most.")
    private int maxDeliver = 5;
    @UriParam(defaultValue = "1000", description = "Milliseconds before a message the route did not finish is"
            + " delivered again; doubles with each delivery, at most ackWait.")
    private long redeliveryDelay = 1000;
    @UriParam(defaultValue = "1000", description = "Milliseconds one fetch waits for a message.")
    private long pollTimeout = 1000;
    @UriParam(defaultValue = "false", description = "Deliver again a message whose failure the route handled without"
            + " keeping it in its dead-letter system (the dead-letter call failed too), instead of acknowledging it.")
    private boolean redeliverUnkept;
    @UriParam(label = "advanced", description = "Which headers of a NATS message reach the route.")
    private HeaderFilterStrategy headerFilterStrategy = new DefaultHeaderFilterStrategy();

    public JetStreamEndpoint(String uri, JetStreamComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("nats-jetstream only consumes; publish to a stream with camel-nats"
                + " (nats:SUBJECT?jetstreamEnabled=true)");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        JetStreamConsumer consumer = new JetStreamConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    public Connection getConnection() {
        return connection;
    }

    public void setConnection(Connection connection) {
        this.connection = connection;
    }

    public String getDurable() {
        return durable;
    }

    public void setDurable(String durable) {
        this.durable = durable;
    }

    public String getFilterSubject() {
        return filterSubject;
    }

    public void setFilterSubject(String filterSubject) {
        this.filterSubject = filterSubject;
    }

    public long getAckWait() {
        return ackWait;
    }

    public void setAckWait(long ackWait) {
        this.ackWait = ackWait;
    }

    public int getMaxDeliver() {
        return maxDeliver;
    }

    public void setMaxDeliver(int maxDeliver) {
        this.maxDeliver = maxDeliver;
    }

    public long getRedeliveryDelay() {
        return redeliveryDelay;
    }

    public void setRedeliveryDelay(long redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    public long getPollTimeout() {
        return pollTimeout;
    }

    public void setPollTimeout(long pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public boolean isRedeliverUnkept() {
        return redeliverUnkept;
    }

    public void setRedeliverUnkept(boolean redeliverUnkept) {
        this.redeliverUnkept = redeliverUnkept;
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }
}
