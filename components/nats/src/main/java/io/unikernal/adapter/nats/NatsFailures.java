package io.unikernal.adapter.nats;

import io.nats.client.AuthenticationException;
import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;

/**
 * What a failure to reach a NATS server means. A login the server refuses ({@link AuthenticationException}:
 * "Authorization Violation") and an unknown host are permanent; a refused connection, a timeout or a connection closed
 * early are transient (a server that is down or starting). A port where another protocol listens that waits for the
 * client to speak (PostgreSQL, Redis, HTTP) sends no NATS greeting: that is a timeout, transient too, as a server that
 * accepts connections but is too slow to greet looks the same. TLS failures are the kernel's ({@link NetworkFailures}):
 * permanent.
 */
final class NatsFailures {

    private NatsFailures() {
    }

    static ProbeResult classify(Exception e, String servers, boolean tls) {
        if (e instanceof AuthenticationException) {
            String message = String.valueOf(e.getMessage());
            int colon = message.lastIndexOf(": ");
            // the server's words in brackets: after "login: " the kernel's masking would take them for a credential
            return ProbeResult.misconfigured("authentication failed at " + servers + " ("
                    + (colon >= 0 ? message.substring(colon + 2) : message) + ")",
                    "check the user and password, or the token");
        }
        String cause = "cannot connect to " + servers + ": " + what(e, tls);
        ProbeResult network = NetworkFailures.classify(e, cause);
        return network != null ? network : ProbeResult.unavailable(cause);
    }

    /** The deepest message: jnats' own says only which servers it tried. */
    private static String what(Throwable e, boolean tls) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        if (deepest instanceof java.util.concurrent.TimeoutException) {
            // jnats reports a TLS alert after the handshake (a server that wants a client certificate) as a timeout
            return tls ? "no NATS greeting over TLS within the connect timeout (is it a NATS server's port? does the"
                    + " server want a client certificate: keystore?)"
                    : "no NATS greeting within the connect timeout (is it a NATS server's port?)";
        }
        String message = deepest.getMessage();
        return message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message;
    }
}
