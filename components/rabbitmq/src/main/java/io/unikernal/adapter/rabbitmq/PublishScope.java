package io.unikernal.adapter.rabbitmq;

import java.util.concurrent.Callable;

/**
 * The publisher a caller's batches go through, learned from its first publish, and the one channel a batch keeps.
 * Spring's caching connection factory hands a channel with confirms outstanding back to its cache only once they
 * are in, so publishes that do not wait for their confirms would each take another channel, and RabbitMQ keeps the
 * order of publishes only within a channel. {@link #run} therefore runs a batch inside the learned publisher's
 * {@code invoke} (Spring's scoped operations: one channel dedicated to the thread), where a {@link DeferredConfirms}
 * deferral applies; a publish outside it (the first, the one that teaches the scope, or one by another publisher,
 * such as a RabbitMQ dead letter) waits for its own confirm as always.
 */
public final class PublishScope {

    private volatile ConfirmedPublisher publisher;
    private final ThreadLocal<ConfirmedPublisher> active = new ThreadLocal<>();

    /** True once a publish taught the scope its publisher. */
    public boolean known() {
        return publisher != null;
    }

    /** Runs the work on one channel of the learned publisher (or as it is, while none is known). */
    public <T> T run(Callable<T> work) throws Exception {
        ConfirmedPublisher scoped = publisher;
        if (scoped == null) {
            return work.call();
        }
        try {
            return scoped.invoke(operations -> {
                active.set(scoped);
                try {
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ScopedFailure(e);
                } finally {
                    active.remove();
                }
            });
        } catch (ScopedFailure e) {
            throw (Exception) e.getCause();
        }
    }

    void learn(ConfirmedPublisher candidate) {
        if (publisher == null) {
            publisher = candidate;
        }
    }

    /** True while {@link #run} holds this publisher's channel on this thread: its publishes may be deferred. */
    boolean holds(ConfirmedPublisher candidate) {
        return active.get() == candidate;
    }

    /** Carries a checked exception of the work out of Spring's callback. */
    private static final class ScopedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScopedFailure(Exception cause) {
            super(cause);
        }
    }
}
