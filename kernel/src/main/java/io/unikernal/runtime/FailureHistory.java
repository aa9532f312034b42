package io.unikernal.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts the tries of a message in a route and keeps its first failure, for the dead-letter record. Camel's own count
 * cannot be used: its {@code CamelRedeliveryCounter} header is removed before a handled failure reaches the failure
 * clause, and an HTTP target drops every header before its call. So the route's error handler runs this bean on
 * every failure (Camel's {@code onExceptionOccurred}, called once per failed try, before the redelivery or the
 * failure clause), and it keeps its tally in an exchange property, which survives both.
 *
 * <p>It is also where a target's failure that is really the caller's is told apart, once for every route and target:
 * a unique-constraint violation becomes a 409 conflict ({@link UniqueViolations}).
 */
public final class FailureHistory implements Processor {

    private static final String PROPERTY_PREFIX = "UnikernalFailures.";

    /** The tries that failed so far and the failure of the first. */
    public static final class Tally {
        private int failures;
        private Throwable first;

        public int failures() {
            return failures;
        }

        public Throwable first() {
            return first;
        }
    }

    private final String route;

    public FailureHistory(String route) {
        this.route = route;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        MessageRejectedException conflict = UniqueViolations.conflict(failure);
        if (conflict != null) {
            // the caller's conflict, whichever JDBC target raised it: the same message conflicts again, so no retry,
            // and the failure clause (the same for every exception) records and answers it as a 409
            exchange.setException(conflict);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, conflict);
            exchange.getExchangeExtension().setRedeliveryExhausted(true);
            failure = conflict;
        }
        // keyed by route: a route called through direct: shares the exchange and counts its own failures
        Tally tally = exchange.getProperty(PROPERTY_PREFIX + route, Tally.class);
        if (tally == null) {
            tally = new Tally();
            exchange.setProperty(PROPERTY_PREFIX + route, tally);
        }
        tally.failures++;
        if (tally.first == null) {
            tally.first = failure;
        }
    }

    /** The tally of this route for the exchange, or null when none of its tries failed. */
    public static Tally of(Exchange exchange, String route) {
        return exchange.getProperty(PROPERTY_PREFIX + route, Tally.class);
    }
}
