package io.unikernal.adapter.http;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.adapter.StandardNodes;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code http}: serves HTTP requests (Camel platform-http on Vert.x). All http systems of an app share one listener,
 * configured through Camel Main's {@code camel.server.*} properties; JSON in, JSON out.
 */
public final class HttpServerAdapter implements Adapter {

    static final OptionSpec PORT = OptionSpec.of("port", ValueKind.INTEGER).defaultValue(8080)
            .description("The app's HTTP port; every http system of one app must use the same.").example("8080");
    static final OptionSpec HOST = OptionSpec.of("host", ValueKind.STRING).defaultValue("127.0.0.1")
            .description("The address to listen on; loopback by default, 0.0.0.0 to serve the network.");
    static final OptionSpec PATH = OptionSpec.of("path", ValueKind.STRING).defaultValue("/")
            .description("The base path of this system; a route's from.path is appended.").example("/orders");
    /** 1 MiB: ample for JSON messages, small enough that a flood of large bodies cannot exhaust the heap. */
    static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;
    static final OptionSpec MAX_BODY_BYTES = OptionSpec.of("maxBodyBytes", ValueKind.INTEGER)
            .defaultValue(DEFAULT_MAX_BODY_BYTES)
            .description("The largest request body accepted, in bytes; a larger one is refused with 413 before any"
                    + " route reads it. Every http system of one app must use the same.").example("1048576");
    static final OptionSpec METHOD = OptionSpec.of("method", ValueKind.STRING)
            .allowed("GET", "POST", "PUT", "PATCH", "DELETE")
            .description("Only this HTTP method is served by the route; any method when absent.");
    static final OptionSpec ROUTE_PATH = OptionSpec.of("path", ValueKind.STRING)
            .description("Appended to the system's path.").example("/{id}");

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "Serves HTTP requests with JSON bodies (Camel platform-http on Vert.x); one listener per app.";
    }

    @Override
    public String artifact() {
        return "io.unikernal:unikernal-components-http";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(PORT, HOST, PATH, MAX_BODY_BYTES);
    }

    @Override
    public List<OptionSpec> sourceOptions() {
        return List.of(METHOD, ROUTE_PATH);
    }

    @Override
    public boolean canBeSource() {
        return true;
    }

    @Override
    public boolean canBeTarget() {
        return false;
    }

    @Override
    public boolean isRequestReply() {
        return true;
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue port = system.option("port");
        if (port != null && port.value() instanceof Number n && (n.longValue() < 0 || n.longValue() > 65535)) {
            problems.error(UdlErrorCode.BAD_OPTION, port.pos(), "port " + n + " is outside 0..65535",
                    "use a port such as 8080 (0 picks a free port)");
        }
        OptionValue limit = system.option("maxBodyBytes");
        if (limit != null && limit.value() instanceof Number n && n.longValue() < 1) {
            problems.error(UdlErrorCode.BAD_OPTION, limit.pos(), "maxBodyBytes " + n + " must be at least 1",
                    "use a limit such as 1048576 (1 MiB)");
        }
        OptionValue path = system.option("path");
        if (path != null && !String.valueOf(path.value()).startsWith("/")) {
            problems.error(UdlErrorCode.BAD_OPTION, path.pos(), "path '" + path.value() + "' must start with '/'",
                    "write '/" + path.value() + "'");
        }
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        ctx.addProperty("camel.server.enabled", "true");
        ctx.addProperty("camel.server.port", ctx.systemOption(system, "port"));
        ctx.addProperty("camel.server.host", ctx.systemOption(system, "host"));
        ctx.addProperty("camel.server.maxBodySize", ctx.systemOption(system, "maxBodyBytes"));
        // the listener's address as it will be, after any override of the port (unikernal run --port)
        ctx.addBean(ctx.systemBean(system) + ".probe", HttpListenerProbe.class, Map.of("system", system.name(),
                "adapter", name(), "host", "{{camel.server.host}}", "port", "{{camel.server.port}}"));
    }

    /** The full path a route serves: the system's path plus the route's. */
    public static String fullPath(SystemDecl system, EndpointRef use, CompileContext ctx) {
        String base = ctx.systemOption(system, "path");
        String extra = ctx.text(use.option("path"), "");
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (extra.isEmpty() || extra.startsWith("/") ? extra : "/" + extra);
        return joined.isEmpty() ? "/" : joined;
    }

    @Override
    public String sourceUri(SystemDecl system, EndpointRef use, CompileContext ctx) {
        String method = ctx.text(use.option("method"), null);
        // the body reaches the route as sent (a form body is refused with 415, not parsed); no stack traces to callers
        return "platform-http:" + fullPath(system, use, ctx) + "?populateBodyWithForm=false&muteException=true"
                + (method == null ? "" : "&httpMethodRestrict=" + method);
    }

    @Override
    public void normalize(SystemDecl system, EndpointRef use, ProcessorDefinition<?> route, CompileContext ctx) {
        // the envelope is set before the Content-Type is checked, so even a refused request has a correlation id
        StandardNodes.normalizeJsonMediaType(system.name(), route, ctx);
        if (route instanceof org.apache.camel.model.RouteDefinition definition) {
            // refusals the server makes before the route (413), and requests that arrive while the app stops
            // (platform-http's bare 503), get the JSON error shape
            ctx.addBean("http-ingress-refusals", HttpIngressRefusals.class, Map.of());
            ctx.addBean("http-stopping-refusal", StoppingAppRefusal.class, Map.of());
            String existing = definition.getRoutePolicyRef();
            definition.routePolicyRef((existing == null ? "" : existing + ",")
                    + "http-ingress-refusals,http-stopping-refusal");
        }
    }

    @Override
    public void denormalizeReply(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block,
            CompileContext ctx) {
        ctx.addBean("http-json-reply", HttpJsonReplyWriter.class, Map.of());
        block.process("http-json-reply");
    }

}
