package io.unikernal.runtime;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.BeanModelHelper;
import org.apache.camel.model.Model;

/**
 * Runs a compiled app in process on Camel Main — the same engine that runs the emitted YAML — from the same model
 * objects that {@code io.unikernal.compile.YamlEmitter} dumps.
 */
public final class UdlRuntime implements AutoCloseable {

    /** The compiled property listing the environment variables that hold secrets (comma-separated names). */
    public static final String SECRET_ENV_PROPERTY = "unikernal.secrets.env";

    private static final java.util.Set<String> FIRST_APP_WINS = java.util.Set.of("camel.main.name",
            SECRET_ENV_PROPERTY);

    private final Main main;


    private UdlRuntime(Main main) {
        this.main = main;
    }

    /** Starts the app; {@code overrides} win over the app's own properties (e.g. a test's free port). */
    public static UdlRuntime start(CompiledApp app, Map<String, String> overrides) throws Exception {
        return start(java.util.List.of(app), overrides, java.util.List.of());
    }

    /**
     * Starts several compiled apps and hand-written {@code routes} in one CamelContext (the CDI extension's case).
     * Two apps that give one property different values are refused: one of them would silently lose. The context's
     * name is the first app's; secrets were registered per app already.
     */
    public static UdlRuntime start(java.util.List<CompiledApp> apps, Map<String, String> overrides,
            java.util.List<? extends org.apache.camel.RoutesBuilder> routes) throws Exception {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (CompiledApp app : apps) {
            registerEnvSecrets(app.properties().get(SECRET_ENV_PROPERTY));
            app.properties().forEach((key, value) -> {
                String before = properties.putIfAbsent(key, value);
                if (before != null && !before.equals(value) && !FIRST_APP_WINS.contains(key)) {
                    throw new IllegalArgumentException("apps " + names(apps) + " give property '" + key
                            + "' different values: make them agree, or run the apps in contexts of their own");
                }
            });
        }
        Main main = new Main();
        properties.forEach(main::addInitialProperty);
        overrides.forEach(main::addOverrideProperty);
        for (CompiledApp app : apps) {
            main.configure().addRoutesBuilder(new CompiledRoutes(app));
        }
        routes.forEach(main.configure()::addRoutesBuilder);
        // latency histograms: Camel's metrics use this registry when they are on
        main.bind(LatencyHistograms.REGISTRY_NAME, LatencyHistograms.registry());
        return started(main);
    }

    private static String names(java.util.List<CompiledApp> apps) {
        return apps.stream().map(CompiledApp::name).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Runs a folder written by {@code unikernal compile} the way a Camel user would: plain Camel Main reading the
     * YAML routes and {@code application.properties} from the folder, nothing from the UDL model.
     */
    public static UdlRuntime startEmitted(java.nio.file.Path dir, Map<String, String> overrides) throws Exception {
        Main main = new Main();
        java.nio.file.Path absolute = dir.toAbsolutePath();
        java.util.Properties emitted = new java.util.Properties();
        java.nio.file.Path props = absolute.resolve("application.properties");
        if (java.nio.file.Files.isRegularFile(props)) {
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(props)) {
                emitted.load(in);
            }
        }
        registerEnvSecrets(emitted.getProperty(SECRET_ENV_PROPERTY));
        main.setPropertyPlaceholderLocations("file:" + absolute.resolve("application.properties"));
        overrides.forEach(main::addOverrideProperty);
        main.configure().withRoutesIncludePattern("file:" + absolute + "/*.camel.yaml");
        // latency histograms: Camel's metrics use this registry when they are on
        main.bind(LatencyHistograms.REGISTRY_NAME, LatencyHistograms.registry());
        return started(main);
    }

    /**
     * Starts Main; a start that fails (a system that cannot start, say) stops what was already built, so its pools
     * and threads do not outlive the failure in this process.
     */
    private static UdlRuntime started(Main main) throws Exception {
        try {
            main.start();
        } catch (Exception | Error e) {
            try {
                main.stop();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new UdlRuntime(main);
    }

    /**
     * Registers the values of the named environment variables with {@link SecretMasker} before the app starts, so
     * they are masked from its first log line. Looked up as Camel's {@code env:} function does: the name as written,
     * then upper case with {@code -} and {@code .} as {@code _}. A default written in the file is not a secret.
     */
    static void registerEnvSecrets(String names) {
        if (names == null || names.isBlank()) {
            return;
        }
        for (String name : names.split(",")) {
            String key = name.strip();
            String value = System.getenv(key);
            if (value == null) {
                value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_'));
            }
            SecretMasker.registerSecret(value);
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Stops gracefully: in-flight exchanges finish (up to Camel's shutdown timeout) before routes stop. */
    @Override
    public void close() {
        main.stop();
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

    /** Adds the compiled beans and routes to the context Camel Main builds. */
    private static final class CompiledRoutes extends RouteBuilder {
        private final CompiledApp app;

        CompiledRoutes(CompiledApp app) {
            this.app = app;
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
            for (org.apache.camel.model.RouteConfigurationDefinition configuration : app.routeConfigurations()) {
                model.addRouteConfiguration(configuration);
            }
            getRouteCollection().getRoutes().addAll(app.routes());
        }
    }
}
