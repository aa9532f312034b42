package io.unikernal.adapter.rabbitmq;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.ProtocolVersionMismatchException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.AMQP;
import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
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
            if (t instanceof MalformedFrameException || t instanceof ProtocolVersionMismatchException) {
                return ProbeResult.misconfigured(address + " does not speak AMQP 0-9-1 (" + t.getMessage() + ")",
                        "check that host and port are a RabbitMQ server's (AMQP, usually port 5672)");
            }
            if (t instanceof ShutdownSignalException shutdown) {
                return closedByBroker(shutdown, address, user, virtualHost);
            }
        }
        ProbeResult network = NetworkFailures.classify(failure, "cannot connect to RabbitMQ at " + address + " ("
                + message(failure) + ")");
        if (network != null) {
            return network;
        }
        if (failure instanceof TimeoutException) {
            return ProbeResult.unavailable("RabbitMQ at " + address + " did not complete the AMQP handshake in time");
        }
        return ProbeResult.misconfigured("cannot connect to RabbitMQ at " + address + ": " + message(failure),
                CHECK_ALL);
    }

    /** The broker closed the connection during the handshake with a reason code of AMQP's connection.close. */
    private static ProbeResult closedByBroker(ShutdownSignalException shutdown, String address, String user,
            String virtualHost) {
        Object reason = shutdown.getReason();
        int code = reason instanceof AMQP.Connection.Close close ? close.getReplyCode() : 0;
        String text = reason instanceof AMQP.Connection.Close close ? close.getReplyText() : message(shutdown);
        return switch (code) {
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

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
