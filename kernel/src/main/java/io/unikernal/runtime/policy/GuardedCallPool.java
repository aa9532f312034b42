package io.unikernal.runtime.policy;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads on which the circuit breaker's time limiter runs target calls whose adapter cannot time them out
 * itself (see {@code Adapter.targetWithTimeout}): one pool per app, threads kept for reuse.
 *
 * <p>Without it Camel's resilience4j EIP runs each timed call through {@code CompletableFuture.supplyAsync} on the
 * JDK's common pool — and where that pool has a parallelism of 1 (any machine with 2 cores), the JDK starts a new
 * thread for every call: ~175 µs per message here. This pool hands the call to an idle thread instead.
 *
 * <p>A call arriving when all {@link #setMaxThreads max threads} are busy is refused (it fails and follows the
 * route's dead-letter path) rather than run untimed on the caller's thread.
 */
public final class GuardedCallPool extends ThreadPoolExecutor {

    /** The registry name of the app's pool. */
    public static final String NAME = "unikernal-guarded-calls";

    /** Default bound on threads, i.e. on timed calls in flight at once. */
    public static final int DEFAULT_MAX_THREADS = 256;

    private static final AtomicInteger POOLS = new AtomicInteger();

    public GuardedCallPool() {
        super(0, DEFAULT_MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    private static ThreadFactory threads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "unikernal-guarded-call-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The most threads (timed calls in flight) at once; at least 1. */
    public void setMaxThreads(int maxThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
        }
        setMaximumPoolSize(maxThreads);
    }
}
