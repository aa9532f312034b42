package io.unikernal.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * The result of compiling one UDL document: the Camel model (routes and the beans they refer to) and the
 * application properties they need. The in-process runtime uses it directly; {@code io.unikernal.compile.YamlEmitter} dumps the very
 * same objects, so the two cannot drift. For the one who runs it: the {@code listener} an operator reaches it on
 * (null when none) and, per route id, what the route consumes in words ({@code POST /orders}) where its source
 * says.
 */
public record CompiledApp(String name, List<RouteConfigurationDefinition> routeConfigurations,
        List<RouteDefinition> routes, List<BeanFactoryDefinition<?>> beans, Map<String, String> properties,
        ServedListener listener, Map<String, String> entries) {

    public CompiledApp {
        entries = Map.copyOf(entries);
    }

    /** The listener an operator reaches the app on, if it has one. */
    public Optional<ServedListener> servedListener() {
        return Optional.ofNullable(listener);
    }
}
