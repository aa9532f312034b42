package io.unikernal.cdi;

import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDI portable extension: collects the {@link RoutesBuilder} beans of the deployment, adds the routes of the UDL
 * files found by {@link UdlFileLocations}, starts one CamelContext for all of them once the deployment is valid, and
 * stops it when the container shuts down. The context, endpoints and producer templates are injectable
 * ({@link CamelProducers}). Registered through {@code META-INF/services}, so a Weld SE application only needs this
 * jar on its class path.
 */
public class UnikernalExtension implements Extension {

    private static final Logger LOG = LoggerFactory.getLogger(UnikernalExtension.class);

    private final List<Bean<?>> routeBeans = new ArrayList<>();
    private volatile UdlRuntime runtime;

    void addProducers(@Observes BeforeBeanDiscovery event, BeanManager manager) {
        event.addAnnotatedType(CamelProducers.class, CamelProducers.class.getName());
    }

    void collectRoutes(@Observes ProcessBean<?> event) {
        if (event.getBean().getTypes().stream().anyMatch(UnikernalExtension::isRoutesBuilder)) {
            routeBeans.add(event.getBean());
        }
    }

    /** A start failure (a UDL file with errors, a port in use) fails the deployment with its message. */
    void start(@Observes AfterDeploymentValidation event, BeanManager manager) {
        try {
            List<RoutesBuilder> builders = new ArrayList<>();
            for (Bean<?> bean : routeBeans) {
                CreationalContext<?> creation = manager.createCreationalContext(bean);
                builders.add((RoutesBuilder) manager.getReference(bean, RoutesBuilder.class, creation));
            }
            List<CompiledApp> apps = UdlFileLocations.compileAll(UdlFileLocations.patterns(), Adapters.installed());
            runtime = UdlRuntime.start(apps, Map.of(), builders);
            LOG.info("CamelContext {} started with {} route builder bean(s) and {} UDL app(s)",
                    runtime.context().getName(), builders.size(), apps.size());
        } catch (Exception e) {
            event.addDeploymentProblem(e);
        }
    }

    void stop(@Observes BeforeShutdown event) {
        UdlRuntime started = runtime;
        if (started != null) {
            started.close();
        }
    }

    /** The one CamelContext of this container; an error before the deployment has been validated. */
    CamelContext context() {
        UdlRuntime started = runtime;
        if (started == null) {
            throw new IllegalStateException("the CamelContext starts after the CDI deployment is validated: inject it"
                    + " into beans used after startup, not into RouteBuilder beans (they get it from Camel)");
        }
        return started.context();
    }

    private static boolean isRoutesBuilder(Type type) {
        return type instanceof Class<?> c && RoutesBuilder.class.isAssignableFrom(c) && c != RoutesBuilder.class
                && !java.lang.reflect.Modifier.isAbstract(c.getModifiers());
    }
}
