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
        String path = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        String method = rest.contains("httpMethodRestrict=")
                ? rest.substring(rest.indexOf("httpMethodRestrict=") + "httpMethodRestrict=".length()).split("&")[0]
                : "ANY";
        String host = context.resolvePropertyPlaceholders("{{camel.server.host:127.0.0.1}}");
        String port = context.resolvePropertyPlaceholders("{{camel.server.port:8080}}");
        return String.format("%-6s http://%s:%s%s", method, host, port, path.startsWith("/") ? path : "/" + path);
    }
}
