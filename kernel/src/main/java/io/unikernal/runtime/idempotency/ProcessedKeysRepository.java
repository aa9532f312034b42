package io.unikernal.runtime.idempotency;

import io.unikernal.udl.notation.Durations;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What every store of processed keys ({@code policy.idempotency}) means, whichever system keeps them. A key has two
 * states: <em>in flight</em> from {@link #add} (the message arrived and is being processed) until {@link #confirm}
 * makes it <em>done</em> (processed to the end) or {@link #remove} forgets it (the message failed, so a retry is
 * processed). {@code add} is atomic in the store: of copies arriving at once exactly one is new, the others are
 * duplicates — never an error.
 *
 * <p>A duplicate of a done message is acknowledged; a duplicate of one in flight must not be told it is done, since
 * the original may still fail: {@link #add(Exchange, String)} marks it ({@link #isDuplicateInFlight}) so the route
 * refuses it with 409 and Retry-After. An in-flight mark holds for {@link #setInFlightLease the lease} (5 minutes by
 * default): a copy arriving after it ran out takes the message over, so a message whose original crashed (kill -9,
 * power loss) is not refused for ever.
 */
public abstract class ProcessedKeysRepository extends ServiceSupport implements IdempotentRepository {

    /** Exchange property: true on a duplicate whose original is still in flight. */
    public static final String DUPLICATE_IN_FLIGHT = "UnikernalDuplicateInFlight";

    /** How long an in-flight mark holds unless set: longer than any route's retries, short enough to recover. */
    public static final Duration DEFAULT_IN_FLIGHT_LEASE = Duration.ofMinutes(5);

    private Duration inFlightLease = DEFAULT_IN_FLIGHT_LEASE;

    /** How long an in-flight mark holds, as a UDL duration ({@code 5m}, {@code 90s}). */
    public void setInFlightLease(String lease) {
        Duration parsed = Durations.parse(lease);
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("inFlightLease '" + lease + "' is not a positive duration such as 5m");
        }
        this.inFlightLease = parsed;
    }

    public Duration inFlightLease() {
        return inFlightLease;
    }

    /**
     * Records the key as in flight for the lease; true when it was new or its earlier in-flight mark had run out,
     * false for a duplicate.
     */
    @Override
    public abstract boolean add(String key);

    /** True when the key's message was processed to the end; false while in flight or when absent. */
    public abstract boolean isDone(String key);

    /** Camel's idempotent consumer calls this one: a duplicate learns whether its original is done. */
    @Override
    public boolean add(Exchange exchange, String key) {
        if (add(key)) {
            return true;
        }
        // absent by now (the original failed and was forgotten) is not done either: the caller should retry
        exchange.setProperty(DUPLICATE_IN_FLIGHT, !isDone(key));
        return false;
    }

    /** True when the exchange is a duplicate of a message still in flight. */
    public static boolean isDuplicateInFlight(Exchange exchange) {
        return exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class)
                && exchange.getProperty(DUPLICATE_IN_FLIGHT, false, Boolean.class);
    }

    @Override
    protected void doStart() throws Exception {
        // nothing by default; stores connect or create their tables here
    }
}
