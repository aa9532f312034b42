package io.unikernal.runtime.policy;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A route's rate limit: a Bucket4j token bucket — {@code permits} per {@code periodMillis}, holding at most
 * {@code burst} — for the whole route or one per caller (after {@link ApiKeyAuthenticator}). A call without a
 * permit is refused with 429 and Retry-After when a caller waits; a one-way consumer is slowed down instead
 * (back-pressure: it waits for the next permit). Time comes from the registry's {@value #TIME_METER} bean when
 * there is one (tests bind a clock they move by hand), else from the system's nano clock.
 */
public final class RateLimiter implements Processor, CamelContextAware {

    /** The registry name of a {@link TimeMeter} that replaces the system clock. */
    public static final String TIME_METER = "unikernalTimeMeter";

    private String route;
    private long permits;
    private long periodMillis;
    private long burst;
    private boolean perCaller;
    private boolean waitForPermit;
    private CamelContext context;
    private volatile TimeMeter clock;
    private volatile Bucket routeBucket;
    private final Map<String, Bucket> callerBuckets = new ConcurrentHashMap<>();

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        Bucket bucket = bucketFor(perCaller ? exchange.getProperty(ApiKeyAuthenticator.CALLER, String.class) : null);
        if (bucket.tryConsume(1)) {
            return; // the usual case, without the probe's allocation
        }
        while (true) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return;
            }
            long waitNanos = probe.getNanosToWaitForRefill();
            if (!waitForPermit) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
                throw PolicyRejectedException.overLimit(route, seconds);
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 1_000_000L));
        }
    }

    private Bucket bucketFor(String caller) {
        if (perCaller && caller != null) {
            return callerBuckets.computeIfAbsent(caller, c -> newBucket());
        }
        Bucket bucket = routeBucket;
        if (bucket == null) {
            synchronized (this) {
                if (routeBucket == null) {
                    routeBucket = newBucket();
                }
                bucket = routeBucket;
            }
        }
        return bucket;
    }

    private Bucket newBucket() {
        Bandwidth limit = Bandwidth.builder().capacity(burst).refillGreedy(permits, Duration.ofMillis(periodMillis))
                .initialTokens(burst).build();
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(clock()).build();
    }

    private TimeMeter clock() {
        TimeMeter meter = clock;
        if (meter == null) {
            TimeMeter bound = context == null ? null
                    : context.getRegistry().lookupByNameAndType(TIME_METER, TimeMeter.class);
            meter = bound != null ? bound : TimeMeter.SYSTEM_NANOTIME;
            clock = meter;
        }
        return meter;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    public void setRoute(String route) {
        this.route = route;
    }

    public void setPermits(long permits) {
        this.permits = permits;
    }

    public void setPeriodMillis(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    public void setBurst(long burst) {
        this.burst = burst;
    }

    public void setPerCaller(boolean perCaller) {
        this.perCaller = perCaller;
    }

    public void setWaitForPermit(boolean waitForPermit) {
        this.waitForPermit = waitForPermit;
    }
}
