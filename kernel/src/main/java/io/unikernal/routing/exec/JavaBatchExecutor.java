package io.unikernal.routing.exec;

import io.unikernal.routing.FieldRef;
import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.internal.BatchCopy;
import io.unikernal.routing.internal.Slots;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java twin of the native executor: a fixed pool of daemon threads, each taking a contiguous
 * chunk of the batch. Batches below {@link #MIN_PARALLEL} run on the caller's thread, where handing
 * off would cost more than the work.
 */
public final class JavaBatchExecutor implements BatchExecutor {
    public static final int MIN_PARALLEL = 256;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private volatile ExecutorService pool;

    public JavaBatchExecutor(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads " + threads + " must be 1..256");
        }
        this.threads = threads;
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "unikernal-exec-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void partition(MessageBatch batch, FieldRef key, int partitions, int[] out) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions " + partitions + " must be at least 1");
        }
        checkOut(batch, out);
        BatchOps.Key k = BatchOps.Key.of(key);
        byte[] data = BatchCopy.shared(batch);
        run(batch.size(), (from, to) -> BatchOps.partition(batch, data, k, partitions, out, from, to));
    }

    @Override
    public void validate(MessageBatch batch, ValidationSchema schema, int[] out) {
        checkOut(batch, out);
        BatchOps.CompiledSchema s = BatchOps.CompiledSchema.of(schema);
        byte[] data = BatchCopy.shared(batch);
        run(batch.size(), (from, to) -> BatchOps.validate(batch, data, s, out, from, to));
    }

    @Override
    public ProjectedBodies project(MessageBatch batch, Projection projection) {
        int n = batch.size();
        int[] bound = new int[n + 1];
        for (int i = 0; i < n; i++) {
            bound[i + 1] = bound[i] + projection.maxOutput(batch.offset(i + 1) - batch.offset(i));
        }
        ByteBuffer scratch = ByteBuffer.allocateDirect(Math.max(1, bound[n]));
        int[] ends = new int[n];
        BatchOps.CompiledProjection p = BatchOps.CompiledProjection.of(projection);
        byte[] input = BatchCopy.shared(batch);
        // each chunk writes into its own region of the upper bound, then the regions are compacted
        run(n, (from, to) -> {
            Slots slots = BatchOps.rawScratch();
            for (int i = from; i < to; i++) {
                ends[i] = BatchOps.project(batch, input, i, p, scratch, bound[i], slots);
            }
        });
        ByteBuffer data = ByteBuffer.allocateDirect(Math.max(1, bound[n]));
        int at = 0;
        for (int i = 0; i < n; i++) {
            int len = ends[i] - bound[i];
            data.put(at, scratch, bound[i], len);
            at += len;
            ends[i] = at;
        }
        return new ProjectedBodies(data, ends);
    }

    private interface Chunk {
        void run(int from, int to);
    }

    private void run(int n, Chunk chunk) {
        ExecutorService p = pool;
        if (p == null) {
            throw new IllegalStateException("executor is closed");
        }
        if (n < MIN_PARALLEL || threads == 1) {
            chunk.run(0, n);
            return;
        }
        int per = (n + threads - 1) / threads;
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int from = per; from < n; from += per) {
            int f = from;
            int t = Math.min(n, from + per);
            futures.add(p.submit(() -> chunk.run(f, t)));
        }
        chunk.run(0, Math.min(n, per)); // the caller works too
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void checkOut(MessageBatch batch, int[] out) {
        if (out.length < batch.size()) {
            throw new IllegalArgumentException("output array has " + out.length + " slots for " + batch.size() + " messages");
        }
    }

    @Override
    public void close() {
        ExecutorService p = pool;
        pool = null;
        if (p != null) {
            p.shutdownNow();
        }
    }
}
