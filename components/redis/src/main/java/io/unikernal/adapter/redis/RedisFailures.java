package io.unikernal.adapter.redis;

import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import java.util.Locale;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What a failed PING means: a refused or lost connection, or a server loading its data or busy, is transient; an
 * authentication the server refuses (WRONGPASS, NOAUTH, NOPERM), an unknown host, a reply that is not Redis's
 * protocol (another server on that port) or any other error the server answers (a database number it does not have)
 * is permanent.
 */
final class RedisFailures {

    private static final String[] TRANSIENT_ERRORS = {"LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"};

    private RedisFailures() {
    }

    static ProbeResult classify(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        ProbeResult network = NetworkFailures.classify(e, message);
        if (network != null) {
            return network;
        }
        String upper = message.toUpperCase(Locale.ROOT);
        if (e instanceof JedisAccessControlException || upper.startsWith("WRONGPASS") || upper.startsWith("NOAUTH")
                || upper.startsWith("NOPERM")) {
            return ProbeResult.misconfigured(message, "check the user and password");
        }
        if (e instanceof JedisConnectionException) {
            return upper.startsWith("UNKNOWN REPLY")
                    ? ProbeResult.misconfigured(message, "check that host and port are a Redis server's")
                    : ProbeResult.unavailable(message);
        }
        if (e instanceof JedisDataException) {
            for (String error : TRANSIENT_ERRORS) {
                if (upper.startsWith(error)) {
                    return ProbeResult.unavailable(message);
                }
            }
            return ProbeResult.misconfigured(message, "check the system's host, port, database, user and password");
        }
        return ProbeResult.unavailable(message);
    }
}
