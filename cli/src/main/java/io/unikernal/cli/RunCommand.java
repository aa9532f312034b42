package io.unikernal.cli;

import io.unikernal.adapter.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.model.UdlDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.util.URISupport;
import picocli.CommandLine.Command;
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

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long in-flight messages may take to finish on Ctrl-C (default ${DEFAULT-VALUE}).")
    int shutdownTimeout;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "Set a Camel Main property, e.g. -D camel.main.tracing=true.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Adapters adapters = Adapters.installed();
        PrintWriter out = spec.commandLine().getOut();
        UdlDocument doc = UdlFiles.load(file, adapters, spec.commandLine().getErr());
        if (doc == null) {
            return 1;
        }
        CompiledApp app = new UdlCompiler(adapters).compile(doc, UdlFiles.baseDir(file), CompileOptions.DEFAULT);
        Map<String, String> overrides = new LinkedHashMap<>(properties);
        overrides.put("camel.main.shutdownTimeout", String.valueOf(shutdownTimeout));
        if (port != null) {
            overrides.put("camel.server.port", String.valueOf(port));
        }
        String busy = busyHttpPort(app, overrides);
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
        printServing(doc, runtime.context(), out);
        stopped.await();
        return 0;
    }

    /**
     * The HTTP server binds asynchronously and Camel only logs a bind failure, so check the port first: an app that
     * says it is serving must be.
     */
    private static String busyHttpPort(CompiledApp app, Map<String, String> overrides) {
        if (!"true".equals(app.properties().get("camel.server.enabled"))) {
            return null;
        }
        String host = overrides.getOrDefault("camel.server.host", app.properties().get("camel.server.host"));
        String port = overrides.getOrDefault("camel.server.port", app.properties().get("camel.server.port"));
        if (host == null || port == null || !port.matches("\\d+") || host.contains("{{")) {
            return null;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, Integer.parseInt(port)));
            return null;
        } catch (java.io.IOException e) {
            return "error: cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage()
                    + "): stop what uses the port, or pick another with --port";
        }
    }

    private static void printServing(UdlDocument doc, CamelContext context, PrintWriter out) {
        out.println("unikernal: app '" + doc.name() + "' is running (Ctrl-C to stop)");
        for (Route route : context.getRoutes()) {
            out.println("  " + describe(route, context) + "  -> route " + route.getRouteId());
        }
        out.flush();
    }

    /** An HTTP route as {@code POST http://host:port/path}; anything else as its (sanitised) endpoint URI. */
    static String describe(Route route, CamelContext context) {
        String uri = route.getEndpoint().getEndpointUri();
        if (!uri.startsWith("platform-http:")) {
            return URISupport.sanitizeUri(uri);
        }
        String rest = uri.substring("platform-http:".length());
        String path = "/" + (rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest).replaceFirst("^/+", "");
        String method = rest.contains("httpMethodRestrict=")
                ? rest.substring(rest.indexOf("httpMethodRestrict=") + "httpMethodRestrict=".length()).split("&")[0]
                : "ANY";
        String host = context.resolvePropertyPlaceholders("{{camel.server.host:127.0.0.1}}");
        String port = context.resolvePropertyPlaceholders("{{camel.server.port:8080}}");
        return String.format("%-6s http://%s:%s%s", method, host, port, path);
    }
}
