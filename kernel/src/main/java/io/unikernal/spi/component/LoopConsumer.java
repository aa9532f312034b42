package io.unikernal.spi.component;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * A consumer that reads on a thread of its own (a blocking client: Redis streams and pub/sub, PostgreSQL LISTEN): the
 * thread runs {@link #consume()} from start to stop, with the doubling wait between tries while the server cannot be
 * reached (from {@code reconnectDelay} to {@code reconnectDelayMax}), cut short by a stop.
 */
public abstract class LoopConsumer extends DefaultConsumer {

    private final String threadName;
    private final long reconnectDelay;
    private final long reconnectDelayMax;
    private ExecutorService executor;
    private volatile boolean running;
    private volatile CountDownLatch stopping = new CountDownLatch(1);

    protected LoopConsumer(Endpoint endpoint, Processor processor, String threadName, long reconnectDelay,
            long reconnectDelayMax) {
        super(endpoint, processor);
        this.threadName = threadName;
        this.reconnectDelay = reconnectDelay;
        this.reconnectDelayMax = reconnectDelayMax;
    }

    /** Reads until {@link #running()} turns false. */
    protected abstract void consume();

    /** Called once a stop began, before waiting for the thread: wake up what blocks it (e.g. unsubscribe). */
    protected void stopping() {
    }

    /** How long a stop waits for the thread to end, in milliseconds. */
    protected abstract long stopWithin();

    protected final boolean running() {
        return running && isRunAllowed();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        stopping = new CountDownLatch(1);
        executor = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this,
                threadName);
        executor.submit(this::consume);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        stopping.countDown();
        stopping();
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, stopWithin());
            executor = null;
        }
        super.doStop();
    }

    /** The wait after {@code failures} failed tries in a row (at least 1). */
    protected final long delay(int failures) {
        long wait = reconnectDelay;
        for (int i = 1; i < failures && wait < reconnectDelayMax; i++) {
            wait *= 2;
        }
        return Math.min(wait, reconnectDelayMax);
    }

    /** Waits {@code millis}, or less when the consumer stops. */
    protected final void pause(long millis) {
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
