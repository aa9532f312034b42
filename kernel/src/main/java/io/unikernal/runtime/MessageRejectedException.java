package io.unikernal.runtime;

import java.util.List;

/**
 * The message itself is at fault (malformed, invalid): the caller gets a 4xx with the details, and the message goes
 * to the dead-letter destination. Other exceptions are failures of the platform or a target (5xx).
 */
public class MessageRejectedException extends RuntimeException {

    private final List<String> details;

    public MessageRejectedException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    public MessageRejectedException(String message, Throwable cause) {
        super(message, cause);
        this.details = List.of();
    }

    public List<String> details() {
        return details;
    }

    /** The HTTP status a waiting caller gets. */
    public int status() {
        return 400;
    }
}
