package io.unikernal.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.BeanModelHelper;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * Adds a compiled app's beans, route configurations and routes to a CamelContext: the one way a compiled model
 * enters Camel, whether Camel Main runs it ({@link UdlRuntime}), Camel's routes loader finds a {@code .udl} file or
 * an existing application adds a UDL app to its own context ({@code io.unikernal.dsl}). The app's properties are
 * not this builder's: who owns the context applies them.
 */
public final class CompiledRoutes extends RouteBuilder {

    private final CompiledApp app;

    public CompiledRoutes(CompiledApp app) {
        this.app = app;
    }

    public CompiledApp app() {
        return app;
    }

    @Override
    public void configure() throws Exception {
        CamelContext context = getContext();
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
        for (RouteConfigurationDefinition configuration : app.routeConfigurations()) {
            model.addRouteConfiguration(configuration);
        }
        getRouteCollection().getRoutes().addAll(app.routes());
    }

    /** Calls a bean's destroy method when the context stops (e.g. closes a connection pool). */
    private record DestroyOnStop(Object bean, String method) implements org.apache.camel.Service {
        @Override
        public void start() {
        }

        @Override
        public void stop() {
            try {
                bean.getClass().getMethod(method).invoke(bean);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot call " + method + " on " + bean.getClass().getName(), e);
            }
        }
    }
}
