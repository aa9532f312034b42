package io.unikernal.rust;

import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingEngineProvider;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.Workload;

/**
 * Registers the native engine with {@link java.util.ServiceLoader}. Its preference per workload
 * comes from docs/BENCHMARKS.md (section 3): {@code auto} picks it where it measured faster than the
 * Java engine (preference 100) and leaves the rest to Java.
 */
public final class RustRoutingEngineProvider implements RoutingEngineProvider {
    @Override
    public String name() {
        return "rust";
    }

    @Override
    public boolean isAvailable() {
        return NativeLibrary.isLoaded();
    }

    @Override
    public String unavailableReason() {
        return NativeLibrary.failure();
    }

    @Override
    public int preference(Workload workload) {
        return switch (workload) {
            case SINGLE -> MeasuredPreference.SINGLE;
            case BATCH -> MeasuredPreference.BATCH;
        };
    }

    @Override
    public RoutingEngine create(RuleTable table) {
        return new RustRoutingEngine(table);
    }

    /**
     * Above 100 where Rust measured faster than the Java engine, below where it measured slower. The
     * 2026-11-23 12:57Z run (docs/BENCHMARKS.md (section 3)): Rust ahead, narrowly, both for single calls
     * (JNI included, 1.10M vs 0.93M decisions/s) and for batches of 1024 (1.15M vs 1.01M/s).
     */
    static final class MeasuredPreference {
        static final int SINGLE = 150;
        static final int BATCH = 200;

        private MeasuredPreference() {
        }
    }
}
