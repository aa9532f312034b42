package io.unikernal.runtime;

import java.util.List;
import java.util.Map;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * The result of compiling one UDL document: the Camel model (routes and the beans they refer to) and the
 * application properties they need. The in-process runtime uses it directly; {@code io.unikernal.compile.YamlEmitter} dumps the very
 * same objects, so the two cannot drift.
 */
public record CompiledApp(String name, List<RouteConfigurationDefinition> routeConfigurations,
        List<RouteDefinition> routes, List<BeanFactoryDefinition<?>> beans, Map<String, String> properties) {
}
