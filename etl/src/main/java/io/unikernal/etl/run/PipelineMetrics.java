package io.unikernal.etl.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;

/**
 * A pipeline's meters in the app's registry (when it has one), tagged {@code pipeline}: records read, written,
 * rejected, batches committed, and the lag — seconds since the last commit of a stream that has records pending.
 */
final class PipelineMetrics {

    static final PipelineMetrics NONE = new PipelineMetrics(null, null);

    private final Counter read;
    private final Counter written;
    private final Counter rejected;
    private final Counter batches;
    private final AtomicLong lagMillis;

    private PipelineMetrics(MeterRegistry registry, String pipeline) {
        if (registry == null) {
            read = written = rejected = batches = null;
            lagMillis = new AtomicLong();
            return;
        }
        read = registry.counter("unikernal.etl.records.read", "pipeline", pipeline);
        written = registry.counter("unikernal.etl.records.written", "pipeline", pipeline);
        rejected = registry.counter("unikernal.etl.records.rejected", "pipeline", pipeline);
        batches = registry.counter("unikernal.etl.batches", "pipeline", pipeline);
        lagMillis = registry.gauge("unikernal.etl.lag.seconds", java.util.List.of(
                io.micrometer.core.instrument.Tag.of("pipeline", pipeline)), new AtomicLong(),
                v -> v.get() / 1000.0);
    }

    static PipelineMetrics of(CamelContext context, String pipeline) {
        MeterRegistry registry = context == null ? null
                : context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry == null ? NONE : new PipelineMetrics(registry, pipeline);
    }

    /** A batch committed with these counts (this batch's). */
    void committed(long readCount, long writtenCount, long rejectedCount) {
        if (read != null) {
            read.increment(readCount);
            written.increment(writtenCount);
            rejected.increment(rejectedCount);
            batches.increment();
        }
        lagMillis.set(0);
    }

    /** Records are waiting since this many milliseconds. */
    void lag(long millis) {
        lagMillis.set(millis);
    }
}
