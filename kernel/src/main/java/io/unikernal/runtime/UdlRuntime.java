package io.unikernal.runtime;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

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
    public static void registerEnvSecrets(String names) {
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

    /**
     * Blocks until Camel Main is told to shut down — Ctrl-C, or a limit such as
     * {@code -Dcamel.main.durationMaxMessages=N} — then stops gracefully; an application's {@code main} ends with it.
     */
    public void runUntilShutdown() throws InterruptedException {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            main.getShutdownStrategy().shutdown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "unikernal-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            main.getShutdownStrategy().await();
        } finally {
            close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it returns now that the app has stopped
            }
        }
    }

    /** Stops gracefully: in-flight exchanges finish (up to Camel's shutdown timeout) before routes stop. */
    @Override
    public void close() {
        main.stop();
    }
}
