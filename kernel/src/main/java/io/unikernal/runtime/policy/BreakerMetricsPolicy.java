package io.unikernal.runtime.policy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Puts the circuit breakers of a route in the app's Micrometer registry when the route starts (when metrics are on),
 * read live from Camel's resilience4j processors: {@code unikernal_breaker_state{route, target, state}} (1 for the
 * current state of closed, open, half_open, forced_open, disabled, metrics_only; 0 for the others),
 * {@code unikernal_breaker_failure_rate_percent} (-1 until the window has its minimum calls),
 * {@code unikernal_breaker_buffered_calls} and {@code unikernal_breaker_not_permitted_calls_total} (monotonic: it
 * counts the breaker's refusal events, see {@link NotPermittedCount}). The policy is on the route and on its
 * guarded-call routes, so each breaker is followed from the start of the route that holds it. A target called
 * more than once in a route has one breaker per call, tagged {@code target}, {@code target#2}, ...
 */
public final class BreakerMetricsPolicy extends RoutePolicySupport {

    private String route;
    private final Map<String, String> breakers = new LinkedHashMap<>();
    private boolean registered;
    private final Map<String, NotPermittedCount> notPermitted = new java.util.concurrent.ConcurrentHashMap<>();

    public void setRoute(String route) {
        this.route = route;
    }

    /** The breakers as {@code nodeId=target}, comma-separated. */
    public void setBreakers(String spec) {
        for (String pair : spec.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2) {
                breakers.put(parts[0].trim(), parts[1].trim());
            }
        }
    }

    @Override
    public synchronized void onStart(Route started) {
        CamelContext context = started.getCamelContext();
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            return;
        }
        if (registered) {
            // another route of this policy (a guarded call's) started: its breaker exists now
            breakers.keySet().forEach(id -> notPermitted.get(id).follow(breaker(context, id)));
            return;
        }
        registered = true;
        Map<String, Integer> seen = new java.util.HashMap<>();
        breakers.forEach((id, target) -> {
            // a route that calls one target twice has a breaker per call: "peer", then "peer#2", so neither hides
            int nth = seen.merge(target, 1, Integer::sum);
            String[] tags = {"route", route, "target", nth == 1 ? target : target + "#" + nth};
            for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
                String name = state.name().toLowerCase(Locale.ROOT);
                Gauge.builder("unikernal.breaker.state", () -> {
                    CircuitBreaker breaker = breaker(context, id);
                    return breaker != null && breaker.getState() == state ? 1 : 0;
                }).tags(tags).tag("state", name).description("1 for the breaker's current state").register(registry);
            }
            Gauge.builder("unikernal.breaker.failure.rate", () -> {
                CircuitBreaker breaker = breaker(context, id);
                return breaker == null ? Double.NaN : breaker.getMetrics().getFailureRate();
            }).tags(tags).baseUnit("percent").description("Failure rate over the window; -1 before minimumCalls")
                    .register(registry);
            Gauge.builder("unikernal.breaker.buffered.calls", () -> {
                CircuitBreaker breaker = breaker(context, id);
                return breaker == null ? 0 : breaker.getMetrics().getNumberOfBufferedCalls();
            }).tags(tags).description("Calls in the breaker's window").register(registry);
            NotPermittedCount count = notPermitted.computeIfAbsent(id, k -> new NotPermittedCount());
            FunctionCounter.builder("unikernal.breaker.not.permitted.calls", count, n -> {
                n.follow(breaker(context, id));
                return n.total.get();
            }).tags(tags).description("Calls the open breaker refused").register(registry);
        });
        // the breaker of a guarded call lives in a route of its own: follow each breaker as soon as it exists
        breakers.keySet().forEach(id -> notPermitted.get(id).follow(breaker(context, id)));
    }

    /**
     * A monotonic count of the calls a breaker refused. Resilience4j's own count starts again at every state
     * change, and a Prometheus counter must never decrease; so the breaker's refusal events are counted instead.
     */
    private static final class NotPermittedCount {
        private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        private CircuitBreaker followed;

        /** Subscribes to this breaker's refusals once (again if its route restarted with a new breaker). */
        synchronized void follow(CircuitBreaker breaker) {
            if (breaker != null && breaker != followed) {
                followed = breaker;
                breaker.getEventPublisher().onCallNotPermitted(event -> total.incrementAndGet());
            }
        }
    }

    /** The live breaker of the circuitBreaker node with this id (null before its route has started). */
    private static CircuitBreaker breaker(CamelContext context, String id) {
        GuardedCallBreaker kernel = context.getRegistry().lookupByNameAndType(id, GuardedCallBreaker.class);
        if (kernel != null) {
            return kernel.getCircuitBreaker();
        }
        Processor processor = context.getProcessor(id);
        return processor instanceof ResilienceProcessor resilience ? resilience.getCircuitBreaker() : null;
    }
}
