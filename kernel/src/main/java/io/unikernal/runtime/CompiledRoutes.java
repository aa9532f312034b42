package io.unikernal.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.BeanModelHelper;
import org.apache.camel.model.Model;

/**
 * Adds a compiled app's properties, beans, route configurations and routes to a CamelContext: the one Camel Main
 * builds in {@link UdlRuntime}, or an application's own (a camel-test-junit5 test, a CDI container). Features Camel
 * Main configures from properties (the {@code camel.server.*} HTTP listener, metrics) need {@link UdlRuntime}.
 */
public final class CompiledRoutes extends RouteBuilder {
    private final CompiledApp app;

    public CompiledRoutes(CompiledApp app) {
        this.app = app;
    }

    @Override
    public void configure() throws Exception {
        CamelContext context = getContext();
        // lowest precedence, as Camel Main's initial properties: a context's own settings win
        app.properties().forEach(context.getPropertiesComponent()::addInitialProperty);
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        for (BeanFactoryDefinition<?> definition : app.beans()) {
            Object bean = BeanModelHelper.newInstance(definition, context);
            // before the init method, as the YAML DSL loader does (the system health bean needs its context)
            org.apache.camel.CamelContextAware.trySetCamelContext(bean, context);
            // BeanModelHelper leaves init/destroy methods to its caller, as the YAML DSL loader does
            if (definition.getInitMethod() != null) {
                bean.getClass().getMethod(definition.getInitMethod()).invoke(bean);
            }
            if (definition.getDestroyMethod() != null) {
                context.addService(new DestroyOnStop(bean, definition.getDestroyMethod()), true, true);
            }
            context.getRegistry().bind(definition.getName(), bean);
            model.addCustomBean(definition);
        }
        for (org.apache.camel.model.RouteConfigurationDefinition configuration : app.routeConfigurations()) {
            model.addRouteConfiguration(configuration);
        }
        getRouteCollection().getRoutes().addAll(app.routes());
    }
}
