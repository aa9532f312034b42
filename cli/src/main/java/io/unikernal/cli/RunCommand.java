package io.unikernal.cli;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.Observability;
import io.unikernal.runtime.ServedListener;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.model.UdlDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.util.URISupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Compile a UDL file and run it in this process until Ctrl-C.",
                "On Ctrl-C, in-flight messages finish (up to --shutdown-timeout) before the app stops."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The UDL file.")
    Path file;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Override the HTTP port of the app.")
    Integer port;

    @Option(names = "--management-port", paramLabel = "PORT",
            description = "Port of the metrics (Prometheus) and health endpoints: by default the app's own HTTP port,"
                    + " or 9876 when the app serves no HTTP; 0 turns them off.")
    Integer managementPort;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long in-flight messages may take to finish on Ctrl-C (default ${DEFAULT-VALUE}).")
    int shutdownTimeout;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "Set a Camel Main property, e.g. -D camel.main.tracing=true.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Mixin
    LiteralSecretsOption literalSecrets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Adapters adapters = Adapters.installed();
        PrintWriter out = spec.commandLine().getOut();
        UdlDocument doc = UdlFiles.load(file, adapters, spec.commandLine().getErr(),
                literalSecrets.allowed);
        if (doc == null) {
            return 1;
        }
        CompiledApp app = new UdlCompiler(adapters).compile(doc, UdlFiles.baseDir(file), CompileOptions.DEFAULT);
        Map<String, String> overrides = new LinkedHashMap<>();
        Optional<ServedListener> listener = app.servedListener();
        if (port != null) {
            if (listener.isEmpty()) {
                spec.commandLine().getErr().println("error: --port: app '" + doc.name() + "' listens on no port to"
                        + " move; leave out --port");
                return 1;
            }
            overrides.put(listener.get().portProperty(), String.valueOf(port));
        }
        String host = listener.map(l -> app.properties().get(l.hostProperty())).orElse("127.0.0.1");
        String management = managementPort(app, listener);
        if (management.startsWith("error")) {
            spec.commandLine().getErr().println(management);
            return 1;
        }
        if (!management.isEmpty()) {
            overrides.putAll(Observability.properties(host == null || host.contains("{{") ? "127.0.0.1" : host,
                    Integer.parseInt(management)));
        }
        overrides.put("camel.main.shutdownTimeout", String.valueOf(shutdownTimeout));
        overrides.putAll(properties);
        // the app's own listener is its system's to check (a port in use fails the start naming the system); a
        // management listener of its own is the CLI's
        String busy = listener.isPresent() ? null : busyPort(overrides, "camel.management");
        if (busy != null) {
            spec.commandLine().getErr().println(busy);
            return 1;
        }
        UdlRuntime runtime = UdlRuntime.start(app, overrides);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping " + doc.name() + ": letting in-flight messages finish...");
            out.flush();
            runtime.close();
            stopped.countDown();
        }, "unikernal-shutdown"));
        printServing(app, runtime.context(), out);
        if (!management.isEmpty()) {
            String base = "http://" + overrides.get("camel.management.host") + ":" + management;
            out.println("  metrics (Prometheus): " + base + Observability.METRICS_PATH + "   health: " + base
                    + Observability.HEALTH_PATH);
            out.flush();
        }
        stopped.await();
        return 0;
    }

    /**
     * The management port as text, empty when off, or an error. An app that serves HTTP has its metrics and health
     * on its own port: Camel 4.14's platform-http consumers find their router by the default name, which a second
     * listener breaks.
     */
    private String managementPort(CompiledApp app, Optional<ServedListener> listener) {
        if (managementPort != null && managementPort == 0) {
            return "";
        }
        if (listener.isPresent()) {
            String appPort = port != null ? String.valueOf(port) : app.properties().get(listener.get().portProperty());
            if (managementPort != null && !String.valueOf(managementPort).equals(appPort)) {
                return "error: an app that serves HTTP has its metrics and health on its own port (" + appPort
                        + "); leave out --management-port, or use --management-port 0 to turn them off";
            }
            return appPort.matches("\\d+") ? appPort : "";
        }
        return String.valueOf(managementPort == null ? 9876 : managementPort);
    }

    /**
     * A listener binds asynchronously and Camel only logs a bind failure, so check the port first: an app that says
     * it is serving must be.
     */
    private static String busyPort(Map<String, String> overrides, String prefix) {
        if (!"true".equals(overrides.get(prefix + ".enabled"))) {
            return null;
        }
        String host = overrides.get(prefix + ".host");
        String port = overrides.get(prefix + ".port");
        if (host == null || port == null || !port.matches("\\d+") || host.contains("{{")) {
            return null;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, Integer.parseInt(port)));
            return null;
        } catch (java.io.IOException e) {
            return "error: cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage()
                    + "): stop what uses the port, or pick another with --management-port";
        }
    }

    private static void printServing(CompiledApp app, CamelContext context, PrintWriter out) {
        out.println("unikernal: app '" + app.name() + "' is running (Ctrl-C to stop)");
        app.servedListener().ifPresent(listener -> out.println("  listening on " + listener.url(
                context.resolvePropertyPlaceholders("{{" + listener.hostProperty() + "}}"),
                context.resolvePropertyPlaceholders("{{" + listener.portProperty() + "}}"))));
        for (Route route : context.getRoutes()) {
            out.println("  " + describe(app, route) + "  -> route " + route.getRouteId());
        }
        out.flush();
    }

    /** What the route consumes in its source's words ({@code POST /orders}), else its (sanitised) endpoint URI. */
    static String describe(CompiledApp app, Route route) {
        String entry = app.entries().get(route.getRouteId());
        return entry != null ? entry
                : io.unikernal.runtime.SecretMasker.mask(URISupport.sanitizeUri(route.getEndpoint().getEndpointUri()));
    }
}
