package io.unikernal.routing.internal;

import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingEngineProvider;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.Workload;

/** Registers the Java engine with {@link java.util.ServiceLoader}; always available. */
public final class JavaRoutingEngineProvider implements RoutingEngineProvider {
    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    /** The baseline every other engine's preference is measured against. */
    @Override
    public int preference(Workload workload) {
        return 100;
    }

    @Override
    public RoutingEngine create(RuleTable table) {
        return new JavaRoutingEngine(table);
    }
}
