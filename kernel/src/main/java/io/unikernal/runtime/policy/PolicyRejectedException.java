package io.unikernal.runtime.policy;

import io.unikernal.runtime.MessageRejectedException;
import java.util.List;

/**
 * A call refused by the route's policy: 401 (no or unknown API key), 403 (a role missing), 429 (over the rate limit,
 * with the seconds after which a retry can succeed). The message never holds a presented credential.
 */
public final class PolicyRejectedException extends MessageRejectedException {

    private final long retryAfterSeconds;

    private PolicyRejectedException(int status, String message, long retryAfterSeconds) {
        super(status, message, List.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static PolicyRejectedException unauthenticated(String header) {
        return new PolicyRejectedException(401, "a valid API key is required in the " + header + " header", 0);
    }

    public static PolicyRejectedException forbidden(String caller, String route) {
        return new PolicyRejectedException(403, "caller '" + caller + "' may not call route '" + route + "'", 0);
    }

    public static PolicyRejectedException overLimit(String route, long retryAfterSeconds) {
        return new PolicyRejectedException(429, "rate limit of route '" + route + "' exceeded", retryAfterSeconds);
    }

    /** Seconds until a permit is free (429 only; 0 otherwise). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
