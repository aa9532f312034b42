package io.unikernal.adapter.rabbitmq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.rabbit.connection.CorrelationData;

/**
 * Publisher confirms awaited once for many publishes instead of one by one. While a caller holds one open on its
 * thread ({@link #open}) and runs its publishes in the {@link PublishScope} (one channel, so RabbitMQ keeps their
 * order), a {@link ConfirmedPublisher} on that thread sends each message (mandatory, with its own correlation data,
 * as always) and returns without waiting; {@link #firstUnconfirmed()} then waits for the confirms
 * in publish order and names the first publish the broker did not take — nacked, returned as unroutable, or not
 * confirmed within the endpoint's {@code confirmTimeout} — by the tag the caller gave it ({@link #tag(int)}). The
 * caller decides what happens then (the Kafka → RabbitMQ bridge publishes that record and the ones after it again,
 * each awaited on its own, before it commits past them). A publish that fails at once still throws from the send.
 */
public final class DeferredConfirms implements AutoCloseable {

    private static final ThreadLocal<DeferredConfirms> CURRENT = new ThreadLocal<>();

    private record Pending(int tag, CorrelationData publish, long deadlineNanos) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private final PublishScope scope;
    private int tag;
    private String firstReason;

    private DeferredConfirms(PublishScope scope) {
        this.scope = scope;
    }

    /**
     * Defers the confirms of this thread's publishes made inside {@link PublishScope#run} of {@code scope} until
     * {@link #firstUnconfirmed()}; the first publish teaches the scope its publisher. Close it to stop.
     */
    public static DeferredConfirms open(PublishScope scope) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("deferred confirms are already open on this thread");
        }
        DeferredConfirms confirms = new DeferredConfirms(scope);
        CURRENT.set(confirms);
        return confirms;
    }

    /** Whether the scope holds {@code publisher}'s channel on this thread now. */
    boolean inScope(ConfirmedPublisher publisher) {
        return scope.holds(publisher);
    }

    /** Whether a publish by {@code publisher} is deferred (it is in the scope's channel); teaches the scope. */
    boolean defers(ConfirmedPublisher publisher) {
        scope.learn(publisher);
        return scope.holds(publisher);
    }

    /** The deferral open on this thread, or null: publishes then wait for their own confirm. */
    static DeferredConfirms current() {
        return CURRENT.get();
    }

    /** The tag of the publishes that follow (e.g. the index of the record they carry). */
    public void tag(int tag) {
        this.tag = tag;
    }

    /** Publishes sent and not yet awaited. */
    public int pending() {
        return pending.size();
    }

    void add(CorrelationData publish, long timeoutMillis) {
        long timeout = timeoutMillis <= 0 ? TimeUnit.DAYS.toNanos(1) : TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        pending.add(new Pending(tag, publish, System.nanoTime() + timeout));
    }

    /**
     * Waits for the confirms in publish order and returns the tag of the first publish the broker did not take, or
     * -1 when it took all; the publishes are forgotten either way.
     */
    public int firstUnconfirmed() throws InterruptedException {
        try {
            for (Pending publish : pending) {
                String failure = failure(publish);
                if (failure != null) {
                    firstReason = failure;
                    return publish.tag();
                }
            }
            return -1;
        } finally {
            pending.clear();
        }
    }

    /** Why the first publish {@link #firstUnconfirmed()} named was not taken (for the log), or null. */
    public String firstReason() {
        return firstReason;
    }

    private static String failure(Pending publish) throws InterruptedException {
        long left = publish.deadlineNanos() - System.nanoTime();
        CorrelationData.Confirm confirm;
        try {
            confirm = publish.publish().getFuture().get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return "not confirmed in time";
        } catch (ExecutionException e) {
            return "the publish failed: " + e.getCause().getMessage();
        }
        if (!confirm.isAck()) {
            return "nacked" + (confirm.getReason() == null ? "" : ": " + confirm.getReason());
        }
        if (publish.publish().getReturned() != null) {
            return "returned as unroutable (" + publish.publish().getReturned().getReplyCode() + " "
                    + publish.publish().getReturned().getReplyText() + ")";
        }
        return null;
    }

    @Override
    public void close() {
        pending.clear();
        CURRENT.remove();
    }
}
