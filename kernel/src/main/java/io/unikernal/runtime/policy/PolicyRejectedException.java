package io.unikernal.runtime.policy;

import io.unikernal.runtime.MessageRejectedException;
import java.util.List;

/**
 * A call refused by the route's policy: 401 (no or unknown API key), 403 (a role missing), 429 (over the rate limit),
 * 409 (a copy of the message is still being processed), the last two with the seconds after which a retry can
 * succeed. The message never holds a presented credential.
 */
public final class PolicyRejectedException extends MessageRejectedException {

    private final long retryAfterSeconds;

    private PolicyRejectedException(int status, String message, long retryAfterSeconds) {
        this(status, message, List.of(), retryAfterSeconds);
    }

    private PolicyRejectedException(int status, String message, List<String> details, long retryAfterSeconds) {
        super(status, message, details);
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

    /**
     * A duplicate of a message whose original is still in flight: not told it is done (the original may still fail),
     * but to ask again — a done message is then answered as a duplicate, a failed one is processed.
     */
    public static PolicyRejectedException stillInFlight(String route, long retryAfterSeconds) {
        return new PolicyRejectedException(409, "an earlier copy of this message is still being processed by route '"
                + route + "'", List.of("send it again after " + retryAfterSeconds + " s (Retry-After): once the "
                + "earlier copy is done the answer says duplicate, if it failed this one is processed"),
                retryAfterSeconds);
    }

    /** Seconds until a retry can succeed (429 and 409; 0 otherwise). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
