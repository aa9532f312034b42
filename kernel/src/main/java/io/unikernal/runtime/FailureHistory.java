package io.unikernal.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts the tries of a message in a route and keeps its first failure, for the dead-letter record. Camel's own count
 * cannot be used: its {@code CamelRedeliveryCounter} header is removed before a handled failure reaches the failure
 * clause, and an HTTP target drops every header before its call. So the route's error handler runs this bean on
 * every failure (Camel's {@code onExceptionOccurred}, called once per failed try, before the redelivery or the
 * failure clause), and it keeps its tally in an exchange property, which survives both.
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
