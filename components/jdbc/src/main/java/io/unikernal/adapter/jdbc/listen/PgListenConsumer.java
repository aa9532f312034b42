package io.unikernal.adapter.jdbc.listen;

import io.unikernal.runtime.StrictJson;
import io.unikernal.spi.component.LoopConsumer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a thread of its own: connect, {@code LISTEN}, then wait for notifications ({@code getNotifications(waitTime)})
 * and process each, in order, as one exchange whose body is the payload parsed as JSON when it is JSON, else the
 * payload text. A connection that fails (the backend was terminated, the server restarted) is closed and opened
 * again after a doubling wait; what was notified in between is lost, as PostgreSQL keeps nothing for a listener that
 * is gone. After {@code checkInterval} without a notification a {@code SELECT 1} checks the connection.
 */
public class PgListenConsumer extends LoopConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PgListenConsumer.class);

    /** The first wait before connecting again, doubling up to {@link #RECONNECT_DELAY_MAX}, in milliseconds. */
    private static final long RECONNECT_DELAY = 100;
    private static final long RECONNECT_DELAY_MAX = 5000;

    private final PgListenEndpoint endpoint;

    PgListenConsumer(PgListenEndpoint endpoint, Processor processor) {
        super(endpoint, processor, "PgListenConsumer[" + endpoint.getChannel() + "]", RECONNECT_DELAY,
                RECONNECT_DELAY_MAX);
        this.endpoint = endpoint;
    }

    /** A wait for notifications lasts at most waitTime: the thread ends within it and the notification in hand. */
    @Override
    protected long stopWithin() {
        return endpoint.getWaitTime() + 10_000;
    }

    @Override
    protected void consume() {
        int failures = 0;
        while (running()) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + endpoint.getChannel()); // a checked identifier, never message content
                if (failures > 0) {
                    LOG.info("pg-listen {}: listening again; notifications sent while it was not are lost",
                            endpoint.getChannel());
                }
                failures = 0;
                receive(connection.unwrap(PGConnection.class), statement);
            } catch (SQLException e) {
                if (!running()) {
                    return;
                }
                if (failures++ == 0) {
                    LOG.warn("pg-listen {}: the listening connection failed ({}); connecting again", endpoint
                            .getChannel(), e.getMessage());
                }
                pause(delay(failures));
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "unikernal pg-listen " + endpoint.getChannel());
        Connection connection = endpoint.getDataSource().connectDirectly(properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private void receive(PGConnection connection, Statement statement) throws SQLException {
        long quietSince = System.nanoTime();
        while (running()) {
            PGNotification[] notifications = connection.getNotifications((int) endpoint.getWaitTime());
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    process(notification);
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(endpoint.getCheckInterval())) {
                statement.execute("SELECT 1");
                quietSince = System.nanoTime();
            }
        }
    }

    private void process(PGNotification notification) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(payload(notification.getParameter()));
            exchange.getIn().setHeader(PgListenConstants.CHANNEL, notification.getName());
            exchange.getIn().setHeader(PgListenConstants.PROCESS_ID, notification.getPID());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("pg-listen " + endpoint.getChannel() + ": a notification"
                        + " failed (notifications are not sent again)", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    /** The payload as JSON (object, array, number, boolean, string) when it is JSON, else its text. */
    static Object payload(String text) {
        if (text == null || text.isBlank()) {
            return text == null ? "" : text;
        }
        try {
            Object parsed = StrictJson.read(text, Object.class);
            return parsed == null ? text : parsed;
        } catch (RuntimeException notJson) {
            return text;
        }
    }
}
