package io.unikernal.runtime.adaptive;

import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.policy.BreakerOpenCheck;
import io.unikernal.runtime.targets.TargetFailure;
import io.unikernal.runtime.targets.TargetsBalancer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;

/**
 * The adaptive route step as a Camel custom load balancer: one output per target (each a guarded call in a
 * {@code doTry} that records its failure with {@link TargetFailure}). Each message tries the targets in the order
 * {@link AdaptiveChoice} gives, on a copy, timing each call into the target's {@link TargetStats}; the first success
 * is the result, a failure fails over to the next target. When every target failed, the message fails with every
 * reason — and the route's retry and dead letter take it from there. A message the target refused as bad
 * ({@link MessageRejectedException}) is not failed over: another target would refuse it too.
 */
public final class AdaptiveLoadBalancer extends TargetsBalancer {

    private int smoothing = 30;
    private int explore = 5;
    private int downAfter = 3;
    private long probeAfterMillis = 5000;

    private volatile AdaptiveChoice choice;
    private volatile Metrics metrics;

    public void setSmoothing(int percent) {
        this.smoothing = percent;
    }

    public void setExplore(int percent) {
        this.explore = percent;
    }

    public void setDownAfter(int downAfter) {
        this.downAfter = downAfter;
    }

    public void setProbeAfterMillis(long probeAfterMillis) {
        this.probeAfterMillis = probeAfterMillis;
    }

    /** The live statistics, in target order (for tests and the metrics). */
    public AdaptiveChoice choice() {
        return choice;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        List<TargetStats> stats = new ArrayList<>();
        for (String name : targetNames()) {
            stats.add(new TargetStats(name, smoothing / 100.0, downAfter, probeAfterMillis * 1_000_000L));
        }
        choice = new AdaptiveChoice(stats, explore / 100.0);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        AsyncProcessor[] processors = doGetProcessors();
        if (processors.length != choice.targets().size()) {
            exchange.setException(new IllegalStateException("adaptive step of route " + route() + " has "
                    + processors.length + " outputs for " + choice.targets().size() + " targets"));
            callback.done(true);
            return true;
        }
        Metrics m = metrics(exchange);
        new Attempts(exchange, callback, processors, choice.order(System.nanoTime(), ThreadLocalRandom.current()), m)
                .next();
        return false;
    }

    private final class Attempts {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final AsyncProcessor[] processors;
        private final int[] order;
        private final Metrics metrics;
        private final Map<String, String> reasons = new LinkedHashMap<>();
        private int index = -1;
        private Exchange copy;
        private long started;

        Attempts(Exchange exchange, AsyncCallback callback, AsyncProcessor[] processors, int[] order,
                Metrics metrics) {
            this.exchange = exchange;
            this.callback = callback;
            this.processors = processors;
            this.order = order;
            this.metrics = metrics;
        }

        void next() {
            if (copy != null) {
                long now = System.nanoTime();
                TargetStats stats = choice.targets().get(order[index]);
                Exception failure = TargetFailure.of(copy);
                if (failure == null) {
                    stats.success(now - started);
                    metrics.call(order[index], true);
                    copy.removeProperty(TargetFailure.PROPERTY);
                    ExchangeHelper.copyResults(exchange, copy);
                    callback.done(false);
                    return;
                }
                if (failure instanceof MessageRejectedException) {
                    fail(failure);
                    return;
                }
                stats.failure(now, failure instanceof BreakerOpenCheck.BreakerOpenException);
                metrics.call(order[index], false);
                reasons.put(stats.name(), TargetFailure.reason(failure));
                if (index + 1 >= order.length) {
                    fail(new AllTargetsFailedException(route(), reasons, failure));
                    return;
                }
                metrics.failover(order[index]);
            }
            index++;
            TargetStats target = choice.targets().get(order[index]);
            target.probingStarts();
            copy = ExchangeHelper.createCopy(exchange, true);
            started = System.nanoTime();
            processors[order[index]].process(copy, doneSync -> exchange.getContext().getCamelContextExtension()
                    .getReactiveExecutor().schedule(this::next));
        }

        private void fail(Exception failure) {
            copy.removeProperty(TargetFailure.PROPERTY);
            copy.setException(null);
            ExchangeHelper.copyResults(exchange, copy);
            exchange.setException(failure);
            callback.done(false);
        }
    }

    /** Thrown when every target of an adaptive step failed for one message; names each target's reason. */
    public static final class AllTargetsFailedException extends Exception {
        AllTargetsFailedException(String route, Map<String, String> reasons, Exception last) {
            super("every target of the adaptive step of route " + route + " failed: " + reasons, last);
        }
    }

    private Metrics metrics(Exchange exchange) {
        Metrics m = metrics;
        if (m == null) {
            synchronized (this) {
                m = metrics;
                if (m == null) {
                    MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
                    m = new Metrics(registry);
                    metrics = m;
                }
            }
        }
        return m;
    }

    /**
     * The live per-target figures in the app's Micrometer registry (when metrics are on):
     * {@code unikernal_route_target_latency_ewma_seconds}, {@code unikernal_route_target_error_rate},
     * {@code unikernal_route_target_up}, {@code unikernal_route_target_share} (odds of being tried first), and the
     * counters {@code unikernal_route_target_calls_total{outcome}} and {@code unikernal_route_target_failovers_total}.
     */
    private final class Metrics {
        private final Counter[] successes;
        private final Counter[] failures;
        private final Counter[] failovers;

        Metrics(MeterRegistry registry) {
            int n = choice.targets().size();
            successes = new Counter[n];
            failures = new Counter[n];
            failovers = new Counter[n];
            if (registry == null) {
                return;
            }
            for (int i = 0; i < n; i++) {
                TargetStats stats = choice.targets().get(i);
                String[] tags = {"route", route(), "target", stats.name()};
                int index = i;
                Gauge.builder("unikernal.route.target.latency.ewma", stats,
                        s -> Double.isNaN(s.latencyNanos()) ? Double.NaN : s.latencyNanos() / 1e9)
                        .tags(tags).baseUnit("seconds").description("Moving average of the target's call latency")
                        .register(registry);
                Gauge.builder("unikernal.route.target.error.rate", stats, TargetStats::errorRate).tags(tags)
                        .description("Moving average of the target's failed calls (0..1)").register(registry);
                Gauge.builder("unikernal.route.target.up", stats, s -> s.up() ? 1 : 0).tags(tags)
                        .description("1 while the target takes calls, 0 while it is out").register(registry);
                Gauge.builder("unikernal.route.target.share", choice, c -> c.shares(System.nanoTime())[index])
                        .tags(tags).description("The odds that the target is tried first (0..1)")
                        .register(registry);
                successes[i] = Counter.builder("unikernal.route.target.calls").tags(tags).tag("outcome", "success")
                        .register(registry);
                failures[i] = Counter.builder("unikernal.route.target.calls").tags(tags).tag("outcome", "failure")
                        .register(registry);
                failovers[i] = Counter.builder("unikernal.route.target.failovers").tags(tags)
                        .description("Messages that moved on to another target after this one failed")
                        .register(registry);
            }
        }

        void call(int target, boolean success) {
            Counter c = success ? successes[target] : failures[target];
            if (c != null) {
                c.increment();
            }
        }

        void failover(int target) {
            if (failovers[target] != null) {
                failovers[target].increment();
            }
        }
    }
}
