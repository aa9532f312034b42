package io.unikernal.runtime.health;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * The part of classifying a failure that every client shares: what the network said, found anywhere in the chain of
 * causes. An unknown host is permanent (the name is wrong; DNS does not heal by itself in the time a retry waits); a
 * refused connection, a timeout or a connection closed early is transient (the server is not there yet, or
 * starting). A port where nothing listens cannot be told from a server that is down, so it is transient too.
 */
public final class NetworkFailures {

    private NetworkFailures() {
    }

    /**
     * The verdict on a client's failure, or {@code null} when nothing in it is a network failure (the client's own
     * classification decides then). {@code cause} is the text for a transient verdict, usually the client's message.
     */
    public static ProbeResult classify(Throwable failure, String cause) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException unknown) {
                return ProbeResult.misconfigured("unknown host " + hostOf(unknown), "check the host name");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof EOFException) {
                return ProbeResult.unavailable(cause);
            }
        }
        return null;
    }

    /** The JDK writes {@code name} or {@code name: Name or service not known}. */
    private static String hostOf(UnknownHostException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(": ");
        return colon > 0 ? message.substring(0, colon) : message;
    }
}
