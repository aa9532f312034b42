package io.unikernal.routing;

/**
 * A routing-engine implementation found by {@link java.util.ServiceLoader}. The kernel ships
 * "java"; {@code unikernal-rust} adds "rust".
 */
public interface RoutingEngineProvider {
    String name();

    /** False when the implementation cannot run here (e.g. its native library did not load). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false; empty when available. */
    default String unavailableReason() {
        return "";
    }

    /**
     * How strongly {@code auto} should prefer this engine for a workload; higher wins. Providers set it
     * from measured figures (docs/BENCHMARKS.md (section 3)).
     */
    int preference(Workload workload);

    RoutingEngine create(RuleTable table);
}
