package io.unikernal.adapter.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;

/**
 * The probe of a rabbitmq system: an AMQP connection of its own (not the system's cached one, which the consumers and
 * publishers share) with the system's host, port, user, password and virtual host, opened within the system's
 * connect timeout (at most {@value #MOST_MILLIS} ms) and closed again. {@link RabbitMqFailures} says what a failure
 * means.
 */
public class RabbitMqProbe extends AbstractSystemProbe {

    static final int MOST_MILLIS = 5000;

    /** The probe's failure is its verdict: the client's own WARN lines about the same connection would repeat it. */
    private static final ForgivingExceptionHandler QUIET = new ForgivingExceptionHandler() {
        @Override
        protected void log(String message, Throwable e) {
        }
    };

    private RabbitConnection connection;

    public void setConnection(RabbitConnection connection) {
        this.connection = connection;
    }

    @Override
    public ProbeResult check() {
        ConnectionFactory factory = connection.getRabbitConnectionFactory().clone();
        int timeout = Math.min(MOST_MILLIS, Math.max(1, factory.getConnectionTimeout()));
        factory.setConnectionTimeout(timeout);
        factory.setHandshakeTimeout(timeout);
        factory.setShutdownTimeout(timeout);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setExceptionHandler(QUIET);
        try (Connection probe = factory.newConnection("unikernal probe of system " + system())) {
            return ProbeResult.up();
        } catch (Exception e) {
            return RabbitMqFailures.classify(e, factory.getHost() + ":" + factory.getPort(), factory.getUsername(),
                    factory.getVirtualHost());
        }
    }
}
