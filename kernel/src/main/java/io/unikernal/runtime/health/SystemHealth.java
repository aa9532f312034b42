package io.unikernal.runtime.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.model.Model;

/**
 * The kernel's watch over the systems of an app, one bean per app (declared by the compiler when some adapter
 * contributed a {@link SystemProbe}, after every other bean). Its init method {@link #start()} runs while the app is
 * being built — before any route or the HTTP listener starts, in process as on plain Camel Main — and checks every
 * probe once, all at once:
 * <ul>
 * <li>a permanent failure stops the start: {@link SystemStartException}, one line per such system;</li>
 * <li>a transient one lets the app start without the system: one WARN line, then checks again with back-off
 * ({@code retryInitial} doubling to {@code retryMax}); routes that consume from it start once it is up;</li>
 * <li>every system is a readiness check {@code system:<name>} (this is a {@link HealthCheckRepository}), DOWN with
 * the cause while down, UP by itself once a check succeeds; once the app runs, a system that is up is checked every
 * {@code retryMax}.</li>
 * </ul>
 * A target that is down makes its calls fail; the route's retry and dead letter take those, as for any failure.
 */
public final class SystemHealth implements HealthCheckRepository, CamelContextAware {

    /** The bean's name in every compiled app. */
    public static final String BEAN = "system-health";
    /** The longest the start waits for a probe; one that has not answered by then counts as down for now. */
    static final Duration START_WAIT = Duration.ofSeconds(15);

    private CamelContext camelContext;
    private List<String> probeBeans = List.of();
    private Map<String, List<String>> sourceRoutes = Map.of();
    private Duration retryInitial = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofSeconds(30);
    private boolean enabled = true;
    private volatile List<HealthCheck> checks = List.of();
    private ScheduledExecutorService executor;

    /** The probes' bean names, comma-separated, in the order of the systems. */
    public void setProbes(String names) {
        probeBeans = Stream.of(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Which routes consume from which system: {@code api:add,list;feed:ingest}. */
    public void setSourceRoutes(String spec) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                parsed.put(entry.substring(0, colon).strip(), Stream.of(entry.substring(colon + 1).split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList());
            }
        }
        sourceRoutes = parsed;
    }

    public void setRetryInitial(Duration retryInitial) {
        this.retryInitial = retryInitial;
    }

    public void setRetryMax(Duration retryMax) {
        this.retryMax = retryMax;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Checks every system once, then watches them; see the class comment. Called once, as the bean's init method. */
    public synchronized void start() throws Exception {
        if (executor != null) {
            return;
        }
        if (camelContext == null) {
            throw new IllegalStateException("the system health bean needs its CamelContext before it starts");
        }
        Backoff backoff = new Backoff(retryInitial, retryMax);
        HeldRoutes held = new HeldRoutes(camelContext);
        List<SystemMonitor> monitors = new ArrayList<>();
        for (String name : probeBeans) {
            SystemProbe probe = camelContext.getRegistry().lookupByNameAndType(name, SystemProbe.class);
            if (probe == null) {
                throw new IllegalStateException("no system probe bean named '" + name + "'");
            }
            monitors.add(new SystemMonitor(probe, backoff, sourceRoutes.getOrDefault(probe.system(), List.of()),
                    up -> held.release(up.heldRoutes())));
        }
        executor = camelContext.getExecutorServiceManager().newScheduledThreadPool(this, "unikernal-system-health",
                Math.max(1, monitors.size()));
        if (executor instanceof java.util.concurrent.ScheduledThreadPoolExecutor pool) {
            // a pending re-check must not keep the pool (and the app's stop) waiting once it is shut down
            pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        }
        // stop watching as the app begins to stop: the bean's destroy method comes only after Camel has waited for
        // every pool still running (10 s)
        camelContext.addLifecycleStrategy(new org.apache.camel.support.LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                stop();
            }
        });
        Map<SystemMonitor, ProbeResult> first = checkAll(monitors);
        List<String> cannotStart = new ArrayList<>();
        first.forEach((monitor, result) -> {
            if (result.isPermanent()) {
                cannotStart.add(monitor.cannotStart(result));
            }
        });
        if (!cannotStart.isEmpty()) {
            stop();
            throw new SystemStartException(cannotStart);
        }
        first.forEach((monitor, result) -> {
            if (!result.isUp()) {
                held.hold(monitor.heldRoutes());
            }
        });
        camelContext.getCamelContextExtension().getContextPlugin(Model.class).addModelLifecycleStrategy(held);
        camelContext.addStartupListener(held);
        checks = monitors.stream().<HealthCheck>map(SystemHealthCheck::new).toList();
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        if (registry != null) {
            registry.register(this); // Camel Main finds repositories among the beans too; registering twice is a no-op
        }
        first.forEach((monitor, result) -> monitor.begin(result, executor));
        camelContext.addStartupListener(new WatchOnceStarted(monitors));
    }

    /** Systems that were up at start are watched once the app runs. */
    private record WatchOnceStarted(List<SystemMonitor> monitors) implements org.apache.camel.StartupListener {
        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            monitors.forEach(SystemMonitor::watch);
        }
    }

    /** Stops watching (the bean's destroy method). */
    public synchronized void stop() {
        if (executor != null) {
            camelContext.getExecutorServiceManager().shutdownNow(executor);
        }
    }

    /** Every probe at once, each waited for at most {@link #START_WAIT} from the start of all. */
    private Map<SystemMonitor, ProbeResult> checkAll(List<SystemMonitor> monitors) {
        Map<SystemMonitor, Future<ProbeResult>> pending = new LinkedHashMap<>();
        for (SystemMonitor monitor : monitors) {
            pending.put(monitor, executor.submit(monitor::checkBeforeStart));
        }
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        Map<SystemMonitor, ProbeResult> results = new LinkedHashMap<>();
        pending.forEach((monitor, future) -> {
            ProbeResult result;
            try {
                result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                result = ProbeResult.unavailable("no answer within " + Backoff.text(START_WAIT));
            } catch (ExecutionException e) {
                result = ProbeResult.unavailable("its probe failed: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = ProbeResult.unavailable("the start was interrupted");
            }
            results.put(monitor, result);
        });
        return results;
    }

    @Override
    public String getId() {
        return "unikernal-systems";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Stream<HealthCheck> stream() {
        return enabled ? checks.stream() : Stream.empty();
    }
}
