package io.unikernal.adapter.jdbc.listen;

import io.unikernal.adapter.jdbc.UdlDataSource;
import java.util.regex.Pattern;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A PostgreSQL notification channel. The consumer holds one connection of its own ({@link
 * UdlDataSource#connectDirectly}: the pool's URL, user, password and driver properties, not taken from the pool, since
 * it is held for good and must not be handed to anyone else) and runs {@code LISTEN}; after the connection drops it
 * connects and listens again with a doubling wait.
 * Notifications sent while it was not listening are lost: PostgreSQL keeps none for a listener that is gone.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "pg-listen", title = "PostgreSQL LISTEN", syntax = "pg-listen:channel",
        consumerOnly = true, category = {Category.DATABASE}, headersClass = PgListenConstants.class)
public class PgListenEndpoint extends DefaultEndpoint {

    /** A channel: a plain identifier, lower case as PostgreSQL folds an unquoted one. */
    public static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @UriPath(description = "The channel to LISTEN on: a plain lower-case identifier.")
    @Metadata(required = true)
    private String channel;
    @UriParam(description = "The pool whose URL, user, password and driver properties the listening connection uses"
            + " (a bean reference, #bean:name).")
    @Metadata(required = true)
    private UdlDataSource dataSource;
    @UriParam(defaultValue = "500", javaType = "java.time.Duration", description = "How long one wait for"
            + " notifications lasts, in milliseconds: the longest a stop waits for the consumer.")
    private long waitTime = 500;
    @UriParam(defaultValue = "10000", javaType = "java.time.Duration", description = "After how long without a"
            + " notification the consumer checks the connection with a query, in milliseconds (a connection that"
            + " went away without a word says nothing otherwise).")
    private long checkInterval = 10000;

    public PgListenEndpoint() {
    }

    public PgListenEndpoint(String uri, PgListenComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("pg-listen is a source only: send NOTIFY (pg_notify) with the sql"
                + " component");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (dataSource == null) {
            throw new IllegalArgumentException("the pg-listen endpoint " + channel + " needs its dataSource");
        }
        PgListenConsumer consumer = new PgListenConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getChannel() {
        return channel;
    }

    /** The channel to LISTEN on. */
    public void setChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("a pg-listen channel is a plain lower-case identifier (letters, digits,"
                    + " _; at most 63), not '" + channel + "'");
        }
        this.channel = channel;
    }

    public UdlDataSource getDataSource() {
        return dataSource;
    }

    /** The pool whose settings the listening connection uses. */
    public void setDataSource(UdlDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long getWaitTime() {
        return waitTime;
    }

    /** How long one wait for notifications lasts, in milliseconds. */
    public void setWaitTime(long waitTime) {
        this.waitTime = positive("waitTime", waitTime);
    }

    public long getCheckInterval() {
        return checkInterval;
    }

    /** After how long without a notification the connection is checked, in milliseconds. */
    public void setCheckInterval(long checkInterval) {
        this.checkInterval = positive("checkInterval", checkInterval);
    }

    private static long positive(String name, long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, not " + millis);
        }
        return millis;
    }
}
