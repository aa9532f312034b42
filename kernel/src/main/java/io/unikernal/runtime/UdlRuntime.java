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

    private final Main main;


    private UdlRuntime(Main main) {
        this.main = main;
    }

    /** Starts the app; {@code overrides} win over the app's own properties (e.g. a test's free port). */
    public static UdlRuntime start(CompiledApp app, Map<String, String> overrides) throws Exception {
        registerEnvSecrets(app.properties().get(SECRET_ENV_PROPERTY));
        Main main = new Main();
        app.properties().forEach(main::addInitialProperty);
        overrides.forEach(main::addOverrideProperty);
        main.configure().addRoutesBuilder(new CompiledRoutes(app));
        // latency histograms: Camel's metrics use this registry when they are on
        main.bind(LatencyHistograms.REGISTRY_NAME, LatencyHistograms.registry());
        return started(main);
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

    /** Stops gracefully: in-flight exchanges finish (up to Camel's shutdown timeout) before routes stop. */
    @Override
    public void close() {
        main.stop();
    }
}
