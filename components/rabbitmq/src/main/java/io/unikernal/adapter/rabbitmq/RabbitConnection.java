package io.unikernal.adapter.rabbitmq;

import java.time.Duration;
import javax.net.SocketFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The connection of a rabbitmq system (the bean {@code system.<name>}): Spring's caching connection factory with
 * publisher confirms (CORRELATED: each publish is confirmed on its own) and returns (an unroutable mandatory publish
 * comes back) always on, and a connect timeout that a broker that is not there cannot stretch to the client's 60 s.
 * Publishers use a connection of their own (Spring's publisher connection), so a blocked publisher never stalls the
 * consumers.
 */
public class RabbitConnection extends CachingConnectionFactory {

    static final int DEFAULT_CONNECT_MILLIS = 5000;

    public RabbitConnection() {
        super("127.0.0.1");
        setPublisherConfirmType(ConfirmType.CORRELATED);
        setPublisherReturns(true);
        setConnectionTimeout(DEFAULT_CONNECT_MILLIS);
    }

    /** The UDL system's name, which the broker shows as the connection's name. */
    public void setSystem(String system) {
        setConnectionNameStrategy(factory -> "unikernal system " + system);
    }

    /** The user; RabbitMQ's {@code guest} when absent. */
    public void setUser(String user) {
        setUsername(user);
    }

    /** TLS: the system's {@code TlsSocketFactory} (an SSL socket factory, so the client speaks TLS on it). */
    public void setSocketFactory(SocketFactory sockets) {
        getRabbitConnectionFactory().setSocketFactory(sockets);
    }

    /** How long opening a connection may take (TCP connect and AMQP handshake). */
    public void setConnectTimeout(Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        setConnectionTimeout(millis);
        getRabbitConnectionFactory().setHandshakeTimeout(millis);
    }
}
