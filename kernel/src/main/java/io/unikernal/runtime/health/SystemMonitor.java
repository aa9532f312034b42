package io.unikernal.runtime.health;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one system: keeps what its probe last said, checks it again with back-off while it is down (every
 * {@code max} while it is up and the app runs), and logs only when its state changes — so a system that stays down
 * for an hour gives one WARN line, not one per retry. Checks of one system never overlap: the next is scheduled when
 * one ends.
 */
final class SystemMonitor {

    /** What is known of the system: the last result, since when the system has been in that state, failures in a row. */
    record Observation(ProbeResult result, Instant since, int failures) {
    }

    private final SystemProbe probe;
    private final Backoff backoff;
    private final List<String> heldRoutes;
    private final Consumer<SystemMonitor> whenUp;
    private final Logger log;
    private volatile Observation observation;
    private volatile ScheduledExecutorService executor;
    private final AtomicBoolean watching = new AtomicBoolean();

    SystemMonitor(SystemProbe probe, Backoff backoff, List<String> heldRoutes, Consumer<SystemMonitor> whenUp) {
        this.probe = probe;
        this.backoff = backoff;
        this.heldRoutes = List.copyOf(heldRoutes);
        this.whenUp = whenUp;
        this.log = LoggerFactory.getLogger("unikernal.system." + probe.system());
    }

    String system() {
        return probe.system();
    }

    String adapter() {
        return probe.adapter();
    }

    /** The routes that consume from this system: they wait for it when it is down at start. */
    List<String> heldRoutes() {
        return heldRoutes;
    }

    /** Null until the start check is done. */
    Observation observation() {
        return observation;
    }

    ProbeResult checkBeforeStart() {
        return guarded(probe::checkBeforeStart);
    }

    /** {@code system db (postgres) cannot start: <cause> — <fix>}, masked: plain Camel Main prints it as it is. */
    String cannotStart(ProbeResult result) {
        return io.unikernal.runtime.SecretMasker.mask(name() + " cannot start: " + result.describe());
    }

    /**
     * Takes the start check's result (not permanent: that stops the start). A system that is down is checked again
     * from now on; one that is up from {@link #watch()} on, once the app runs (its listener, say, binds as it starts).
     */
    void begin(ProbeResult first, ScheduledExecutorService executor) {
        this.executor = executor;
        observation = new Observation(first, Instant.now(), first.isUp() ? 0 : 1);
        if (!first.isUp()) {
            log.warn("{} is down: {}; the app starts without it and retries it ({}); {} reports it DOWN until it is"
                    + " up{}", name(), result(first), backoff.describe(), io.unikernal.runtime.Observability.HEALTH_PATH,
                    heldRoutes.isEmpty() ? "" : "; routes " + String.join(", ", heldRoutes) + " start once it is up");
            watch();
        }
    }

    /** Checks the system again and again from now on; a second call changes nothing. */
    void watch() {
        if (watching.compareAndSet(false, true)) {
            scheduleNext();
        }
    }

    private void checkAgain() {
        if (executor == null || executor.isShutdown()) {
            return;
        }
        record(guarded(probe::check));
        scheduleNext();
    }

    private void record(ProbeResult result) {
        Observation before = observation;
        Instant now = Instant.now();
        if (result.isUp()) {
            observation = before.result().isUp() ? before : new Observation(result, now, 0);
            if (!before.result().isUp()) {
                log.info("{} is up", name());
                whenUp.accept(this);
            }
            return;
        }
        boolean changed = before.result().status() != result.status();
        observation = new Observation(result, changed ? now : before.since(), before.failures() + 1);
        if (changed) {
            log.warn("{} is down: {}; retrying it ({})", name(), result(result), backoff.describe());
        }
    }

    private void scheduleNext() {
        ScheduledExecutorService current = executor;
        if (current == null || current.isShutdown()) {
            return;
        }
        try {
            current.schedule(this::checkAgain, backoff.after(observation.failures()).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the app is stopping: nothing more to watch
        }
    }

    private String name() {
        return "system " + probe.system() + " (" + probe.adapter() + ")";
    }

    /** The result for a log line, where "; " follows: without a driver's closing full stop. */
    private static String result(ProbeResult result) {
        String text = io.unikernal.runtime.SecretMasker.mask(result.describe());
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** A probe must not throw; if one does anyway, that is a failed check, not a dead monitor. */
    private static ProbeResult guarded(Supplier<ProbeResult> check) {
        try {
            ProbeResult result = check.get();
            return result != null ? result : ProbeResult.unavailable("its probe gave no answer");
        } catch (RuntimeException e) {
            return ProbeResult.unavailable("its probe failed: " + e.getMessage());
        }
    }
}
