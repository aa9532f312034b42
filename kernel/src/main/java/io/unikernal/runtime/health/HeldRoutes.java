package io.unikernal.runtime.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes whose source system was down at start: their definitions are added with {@code autoStartup=false}, so
 * their consumers do not start against a system that is not there (and take nothing they could not hand on); each
 * starts once its system is up. A route released before the app has fully started starts when it has.
 */
final class HeldRoutes implements ModelLifecycleStrategy, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(HeldRoutes.class);

    private final CamelContext context;
    private final Set<String> held = new LinkedHashSet<>();
    private final Set<String> released = new LinkedHashSet<>();
    private boolean started;

    HeldRoutes(CamelContext context) {
        this.context = context;
    }

    synchronized void hold(Collection<String> routeIds) {
        held.addAll(routeIds);
    }

    synchronized void release(Collection<String> routeIds) {
        for (String id : routeIds) {
            if (held.remove(id)) {
                released.add(id);
            }
        }
        startReleased();
    }

    @Override
    public synchronized void onAddRouteDefinition(RouteDefinition definition) {
        if (held.contains(definition.getRouteId())) {
            definition.setAutoStartup("false");
        }
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition definition) {
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition definition) {
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition definition) {
    }

    @Override
    public void onCamelContextStarted(CamelContext camelContext, boolean alreadyStarted) {
    }

    @Override
    public synchronized void onCamelContextFullyStarted(CamelContext camelContext, boolean alreadyStarted) {
        started = true;
        startReleased();
    }

    private void startReleased() {
        if (!started) {
            return;
        }
        List<String> toStart = new ArrayList<>(released);
        released.clear();
        for (String id : toStart) {
            try {
                context.getRouteController().startRoute(id);
                LOG.info("route {} started: its source system is up", id);
            } catch (Exception e) {
                LOG.warn("route {} could not start although its source system is up: {}", id, e.getMessage());
            }
        }
    }
}
