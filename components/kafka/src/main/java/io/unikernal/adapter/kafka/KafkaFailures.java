package io.unikernal.adapter.kafka;

import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What a failed look at a Kafka cluster means. Permanent: an unknown host, an authentication the brokers refuse (a
 * wrong SASL user or password, a TLS handshake that fails on the certificates), an authorization they refuse, a
 * server that speaks no Kafka version this client knows. Transient: a refused connection (nothing listens: a broker
 * that is down looks exactly like this), a timeout, anything else — the brokers may be starting.
 */
final class KafkaFailures {

    private KafkaFailures() {
    }

    static ProbeResult classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = message(cause);
        ProbeResult network = NetworkFailures.classify(cause, message);
        if (network != null) {
            return network;
        }
        if (cause instanceof SslAuthenticationException) {
            return ProbeResult.misconfigured("TLS handshake failed: " + message,
                    "check the truststore, keystore and securityProtocol");
        }
        if (cause instanceof AuthenticationException) {
            return ProbeResult.misconfigured("authentication failed: " + message,
                    "check the user, password and saslMechanism");
        }
        if (cause instanceof AuthorizationException) {
            return ProbeResult.misconfigured("not authorized: " + message,
                    "check the user's ACLs (it must be allowed to describe the cluster)");
        }
        if (cause instanceof UnsupportedVersionException) {
            return ProbeResult.misconfigured("the server speaks no Kafka version this client knows: " + message,
                    "check that brokers are Kafka brokers");
        }
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return ProbeResult.unavailable("no Kafka broker answered in time (" + message + ")");
        }
        return ProbeResult.unavailable(message);
    }

    /** The failure inside the futures' and Kafka's wrappers. */
    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t.getClass() == org.apache.kafka.common.KafkaException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
