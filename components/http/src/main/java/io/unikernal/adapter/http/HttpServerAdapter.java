package io.unikernal.adapter.http;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.runtime.ServedListener;
import io.unikernal.spi.adapter.SharedListener;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code http}: serves HTTP requests (Camel platform-http on Vert.x). All http systems of an app share one listener,
 * configured through Camel Main's {@code camel.server.*} properties; JSON in, JSON out.
 */
public final class HttpServerAdapter implements Adapter {

    public static final Option<Integer> PORT = Option.integer("port").defaultValue(8080).range(0, 65535)
            .description("The app's HTTP port (0 picks a free one); every http and graphql system of one app must use the same.")
            .example("8080");
    public static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("The address to listen on; loopback by default, 0.0.0.0 to serve the network.");
    /** A path of the URI: no characters that would start its query. */
    static final Option<String> PATH = Option.string("path").defaultValue("/")
            .pattern("/[^?#&]*", "a path that starts with '/' and holds no '?', '#' or '&'")
            .description("The base path of this system; a route's from.path is appended.").example("/orders");
    /** 1 MiB: ample for JSON messages, small enough that a flood of large bodies cannot exhaust the heap. */
    public static final Option<Long> MAX_BODY_BYTES = Option.longInteger("maxBodyBytes").defaultValue(1_048_576L)
            .range(1, Long.MAX_VALUE)
            .description("The largest request body accepted, in bytes; a larger one is refused with 413 before any"
                    + " route reads it. Every http and graphql system of one app must use the same.").example("1048576");
    static final Option<String> METHOD = Option.string("method").allowed("GET", "POST", "PUT", "PATCH", "DELETE")
            .description("Only this HTTP method is served by the route; any method when absent.");
    static final Option<String> ROUTE_PATH = Option.string("path").pattern("[^?#&]*", "a path without '?', '#' or '&'")
            .description("Appended to the system's path.").example("/{id}");

    private static final AdapterInfo INFO = new AdapterInfo("http",
            "Serves HTTP requests with JSON bodies (Camel platform-http on Vert.x); one listener per app.",
            "io.unikernal:unikernal-components-http");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(PORT, HOST, PATH, MAX_BODY_BYTES);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Server());
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        contributeListener(system, ctx, name());
    }

    /**
     * The {@code listener} option of an adapter whose served uses can share the app's HTTP listener (grpc, soap,
     * websocket): {@code own}, the default, a server of the system's own; {@code http}, this adapter's listener.
     * {@code description} says what each means for the adapter.
     */
    public static Option<String> listenerOption(String description) {
        return Option.string(LISTENER_KEY).allowed("own", "http").defaultValue("own").description(description)
                .example("http");
    }

    /** True when the system serves on the app's HTTP listener ({@code listener: http}) rather than its own. */
    public static boolean onHttpListener(SystemDecl system) {
        return "http".equals(LISTENER_CHOICE.text(system));
    }

    private static final String LISTENER_KEY = "listener";
    private static final Option<String> LISTENER_CHOICE = listenerOption("");

    /**
     * The app's one listener, for any adapter whose systems are served on it (graphql): Camel Main's
     * {@code camel.server.*} properties from the system's {@link #PORT}, {@link #HOST} and {@link #MAX_BODY_BYTES}, and
     * the listener's probe.
     */
    public static void contributeListener(SystemDecl system, CompileContext ctx, String adapter) {
        ctx.addProperty("camel.server.enabled", "true");
        ctx.addProperty(LISTENER.portProperty(), ctx.text(system, PORT));
        ctx.addProperty(LISTENER.hostProperty(), ctx.text(system, HOST));
        ctx.addProperty("camel.server.maxBodySize", ctx.text(system, MAX_BODY_BYTES));
        // the listener's address as it will be, after any override of the port (unikernal run --port)
        ctx.addBean(ctx.systemBean(system) + ".probe", HttpListenerProbe.class, Map.of("system", system.name(),
                "adapter", adapter, "host", "{{" + LISTENER.hostProperty() + "}}", "port", "{{" + LISTENER.portProperty() + "}}"));
    }

    /** The full path a route serves: the system's path plus the route's, as written (references resolved later). */
    static String fullPath(String base, String extra) {
        base = base == null ? "/" : base;
        extra = extra == null ? "" : extra;
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (extra.isEmpty() || extra.startsWith("/") ? extra : "/" + extra);
        return joined.isEmpty() ? "/" : joined;
    }

    /** The settings every system served on the app's one listener must agree on (http and graphql systems alike). */
    public static SharedListener sharedListener(SystemDecl system) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Option<?> option : List.of(PORT, HOST, MAX_BODY_BYTES)) {
            settings.put(option.name(), option.text(system));
        }
        return new SharedListener("http", settings,
                "all http and graphql systems of an app share one listener: use one {setting}",
                Map.of("port", "(a second port needs the netty-http adapter)"));
    }

    /** The app's HTTP server, at the address Camel Main's {@code camel.server.*} properties hold. */
    public static ServedListener servedListener() {
        return LISTENER;
    }

    private static final ServedListener LISTENER = new ServedListener("http", "camel.server.host",
            "camel.server.port");

    private static final class Server implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(METHOD, ROUTE_PATH);
        }

        @Override
        public Set<Capability> capabilities() {
            // the caller's X-Correlation-Id becomes the message's, and comes back on the reply
            return Set.of(Capability.REQUEST_REPLY, Capability.NATIVE_HEADERS);
        }

        @Override
        public Optional<SharedListener> sharedListener(SystemDecl system) {
            return Optional.of(HttpServerAdapter.sharedListener(system));
        }

        /** The app's HTTP server, at the address Camel Main's {@code camel.server.*} properties hold. */
        @Override
        public Optional<ServedListener> servedListener(SystemDecl system) {
            return Optional.of(LISTENER);
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String path = fullPath(PATH.text(system), ROUTE_PATH.text(use));
            String method = METHOD.of(use);
            return Optional.of(new Channel("http", path, method, method == null ? path : method + " " + path));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            String path = fullPath(ctx.text(use.system(), PATH), ctx.text(use.use(), ROUTE_PATH));
            // the body reaches the route as sent (a form body is refused with 415, not parsed); no stack traces to
            // callers
            return EndpointUri.of("platform-http", path).param("populateBodyWithForm", false)
                    .param("muteException", true).param("httpMethodRestrict", METHOD.of(use.use())).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            // the envelope is set before the Content-Type is checked, so even a refused request has a correlation id
            StandardNodes.normalizeJsonMediaType(use.systemName(), route, ctx);
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
        public void denormalizeReply(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            ctx.addBean("http-json-reply", HttpJsonReplyWriter.class, Map.of());
            block.process("http-json-reply");
        }
    }
}
