package io.unikernal.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.ProtocolVersionMismatchException;
import com.rabbitmq.client.ShutdownSignalException;
import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import java.net.SocketException;
import java.util.concurrent.TimeoutException;

/**
 * What a failure to open an AMQP connection means. Permanent: the broker refused the login (ACCESS_REFUSED: a wrong
 * password, a user that does not exist, {@code guest} from another host), the virtual host does not exist or the
 * user may not use it (NOT_ALLOWED), an unknown host, another protocol on the port. Transient: nothing listens
 * (connection refused), a timeout, a connection closed early, the broker closing connections as it stops
 * (CONNECTION_FORCED). Anything else the broker answers with is taken as a configuration it refuses: permanent.
 */
final class RabbitMqFailures {

    private static final String CHECK_LOGIN = "check the user and password";
    private static final String CHECK_ALL = "check the system's host, port, user, password and virtualHost";

    private RabbitMqFailures() {
    }

    static ProbeResult classify(Throwable failure, String address, String user, String virtualHost) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailureException) {
                return ProbeResult.misconfigured("RabbitMQ at " + address + " refused the login of user '" + user
                        + "' (ACCESS_REFUSED)", CHECK_LOGIN);
            }
            if (t instanceof MalformedFrameException || t instanceof ProtocolVersionMismatchException
                    || isOversizedFrame(t)) {
                return ProbeResult.misconfigured(address + " does not answer as an AMQP 0-9-1 server",
                        "check that host and port are a RabbitMQ server's (AMQP, usually port 5672)");
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ShutdownSignalException shutdown
                    && shutdown.getReason() instanceof AMQP.Connection.Close close) {
                return closedByBroker(close, address, user, virtualHost);
            }
        }
        String cause = "cannot connect to RabbitMQ at " + address + " (" + message(failure) + ")";
        ProbeResult network = NetworkFailures.classify(failure, cause);
        if (network != null) {
            return network;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketException || t instanceof TimeoutException) {
                // reset or not answered in time: a broker starting or stopping
                return ProbeResult.unavailable(cause);
            }
        }
        return ProbeResult.misconfigured("cannot connect to RabbitMQ at " + address + ": " + message(failure),
                CHECK_ALL);
    }

    /** The broker closed the connection during the handshake with a reason code of AMQP's connection.close. */
    private static ProbeResult closedByBroker(AMQP.Connection.Close close, String address, String user,
            String virtualHost) {
        String text = close.getReplyText();
        return switch (close.getReplyCode()) {
            case AMQP.ACCESS_REFUSED -> ProbeResult.misconfigured("RabbitMQ at " + address + " refused user '" + user
                    + "': " + text, CHECK_LOGIN);
            case AMQP.NOT_ALLOWED -> ProbeResult.misconfigured("RabbitMQ at " + address + " refused virtual host '"
                    + virtualHost + "' to user '" + user + "': " + text,
                    "check the virtualHost, and that the user has permissions on it");
            case AMQP.CONNECTION_FORCED -> ProbeResult.unavailable("RabbitMQ at " + address
                    + " closed the connection: " + text);
            default -> ProbeResult.misconfigured("RabbitMQ at " + address + " closed the connection: " + text,
                    CHECK_ALL);
        };
    }

    /**
     * What amqp-client reports when the first bytes of the answer are not a frame's: another protocol's text read
     * as a frame header gives an absurd frame size.
     */
    private static boolean isOversizedFrame(Throwable t) {
        return t instanceof IllegalStateException && t.getMessage() != null
                && t.getMessage().startsWith("Frame body is too large");
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
