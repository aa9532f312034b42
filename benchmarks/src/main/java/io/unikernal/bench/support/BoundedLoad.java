package io.unikernal.bench.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load of asynchronous calls: {@code calls} calls with at most {@code concurrency} in flight, each
 * call's latency in nanoseconds; every call must end in {@link Done#ok} or {@link Done#failed}, and any failure fails
 * the run (a benchmark whose replies were wrong measured nothing).
 */
public final class BoundedLoad {

    private BoundedLoad() {
    }

    /** How one call reports its end, once. */
    public interface Done {
        void ok();

        void failed();
    }

    /** Starts one asynchronous call that reports its end to {@code done}. */
    @FunctionalInterface
    public interface Call {
        void start(Done done);
    }

    public static long[] run(int calls, int concurrency, Call call) throws InterruptedException {
        long[] latencies = new long[calls];
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch finished = new CountDownLatch(calls);
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < calls; i++) {
            inFlight.acquire();
            int slot = i;
            long start = System.nanoTime();
            call.start(new Done() {
                @Override
                public void ok() {
                    latencies[slot] = System.nanoTime() - start;
                    inFlight.release();
                    finished.countDown();
                }

                @Override
                public void failed() {
                    failures.incrementAndGet();
                    ok();
                }
            });
        }
        if (!finished.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("calls still open after 5 minutes");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + calls + " calls failed or were wrong");
        }
        return latencies;
    }
}
