package io.unikernal.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds routing-engine providers and picks one for {@code engine: rust | java | auto}. */
public final class RoutingEngines {
    private RoutingEngines() {
    }

    /** Every provider on the class path, available or not. */
    public static List<RoutingEngineProvider> providers() {
        List<RoutingEngineProvider> all = new ArrayList<>();
        ServiceLoader.load(RoutingEngineProvider.class, RoutingEngines.class.getClassLoader()).forEach(all::add);
        return all;
    }

    /**
     * The provider named by {@code engine}; for "auto" the available provider with the highest
     * {@link RoutingEngineProvider#preference(Workload)}.
     *
     * @throws IllegalArgumentException for an unknown name, or a named engine that is not available
     */
    public static RoutingEngineProvider select(String engine, Workload workload) {
        String wanted = engine == null ? "auto" : engine.trim().toLowerCase(Locale.ROOT);
        List<RoutingEngineProvider> all = providers();
        if (wanted.equals("auto")) {
            return all.stream().filter(RoutingEngineProvider::isAvailable)
                    .max(Comparator.comparingInt(p -> p.preference(workload)))
                    .orElseThrow(() -> new IllegalStateException("no routing engine is available"));
        }
        for (RoutingEngineProvider p : all) {
            if (p.name().equals(wanted)) {
                if (!p.isAvailable()) {
                    throw new IllegalArgumentException("routing engine '" + engine + "' is not available: " + p.unavailableReason());
                }
                return p;
            }
        }
        throw new IllegalArgumentException("unknown routing engine '" + engine + "'; expected rust, java or auto (present: "
                + all.stream().map(RoutingEngineProvider::name).toList() + ")");
    }
}
