package io.unikernal.runtime.idempotency;

import io.unikernal.runtime.policy.PolicyRejectedException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs right after a route's idempotent block: a duplicate whose original is still in flight is refused (409 with
 * Retry-After for a waiting caller, who holds the message; a dead letter for a one-way source, so the copy is kept
 * should the original fail). A duplicate of a done message passes and is acknowledged as a duplicate.
 */
public final class InFlightDuplicateCheck implements Processor {

    /** One second: the smallest Retry-After, and the original is usually done by then. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private String route;

    public void setRoute(String route) {
        this.route = route;
    }

    @Override
    public void process(Exchange exchange) {
        if (ProcessedKeysRepository.isDuplicateInFlight(exchange)) {
            throw PolicyRejectedException.stillInFlight(route, RETRY_AFTER_SECONDS);
        }
    }
}
