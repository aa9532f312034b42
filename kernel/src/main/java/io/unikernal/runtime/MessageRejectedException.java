package io.unikernal.runtime;

import java.util.List;

/**
 * The message itself is at fault (malformed, invalid): the caller gets a 4xx with the details, and the message goes
 * to the dead-letter destination. Other exceptions are failures of the platform or a target (5xx).
 */
public class MessageRejectedException extends RuntimeException {

    private final List<String> details;
    private final int status;

    public MessageRejectedException(String message, List<String> details) {
        this(400, message, details);
    }

    /** For a caller error other than 400, e.g. 415 for a body in a format the route does not read. */
    public MessageRejectedException(int status, String message, List<String> details) {
        super(message);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejected message is a 4xx caller error, not " + status);
        }
        this.details = List.copyOf(details);
        this.status = status;
    }

    public List<String> details() {
        return details;
    }

    /** The HTTP status a waiting caller gets. */
    public int status() {
        return status;
    }
}
