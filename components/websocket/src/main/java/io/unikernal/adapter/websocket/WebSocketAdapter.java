package io.unikernal.adapter.websocket;

import static io.unikernal.adapter.http.HttpServerAdapter.onHttpListener;

import io.unikernal.runtime.health.ListenerProbe;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SharedListener;
import io.unikernal.runtime.ServedListener;
import io.unikernal.adapter.http.HttpServerAdapter;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.vertx.core.http.HttpServerOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code websocket}: a WebSocket server endpoint (camel-vertx-websocket) on its own port. Each message a peer sends
 * — a text or a binary frame holding JSON — starts the route; the route's final body goes back to that peer as its
 * reply. As a target the same system writes to the connection a message names, or with {@code broadcast: true} to
 * every peer connected now; a system that no route serves is a push server (peers connect and get what routes
 * write, what they send is dropped). With {@code connectionEvents: true} a route also gets a message when a peer connects and
 * when it leaves. The connection's key and the peer's address are the headers {@code WebSocketConnection} and
 * {@code WebSocketPeer}.
 *
 * <p>Its own port, not the app's HTTP port: camel-vertx-websocket starts its own Vert.x server for a host and port
 * (DESIGN.md), and a second server on the http systems' port would fail to bind.
 */
public final class WebSocketAdapter implements Adapter {

    static final String NAME = "websocket";

    public static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("The address to listen on; loopback by default, 0.0.0.0 to serve the network.");
    public static final Option<Integer> PORT = Option.integer("port").required().range(1, 65535)
            .description("The port to serve on: the websocket server's own, not the app's HTTP port (a port picked"
                    + " at start, 0, is not supported: replies find their peer by the port declared).")
            .example("8090");
    public static final Option<String> PATH = Option.string("path").defaultValue("/")
            .pattern("/[^?#&{}*\\s]*", "a path that starts with '/' and holds no '?', '#', '&', '{', '}', '*' or spaces")
            .description("The path peers connect to, e.g. ws://127.0.0.1:8090/chat.").example("/chat");
    /** 1 MiB, as the http adapter's body limit: ample for JSON messages, small enough to protect the heap. */
    public static final Option<Integer> MAX_MESSAGE_BYTES = Option.integer("maxMessageBytes").defaultValue(1_048_576)
            .range(1, Integer.MAX_VALUE)
            .description("The largest message (and frame) a peer may send, in bytes; a larger one closes that"
                    + " peer's connection (status 1009) with one log line, the other connections go on. Every websocket"
                    + " system on one host and port must use the same.").example("1048576");
    public static final Option<String> LISTENER = HttpServerAdapter.listenerOption(
            "Where peers connect: own, a server of its own on host and port; http, the app's one HTTP"
                    + " listener, beside the REST, gRPC, SOAP and GraphQL systems on one port (port and host are then"
                    + " that listener's, the same for every system on it, and so are the size limits: frames up to 64"
                    + " KiB, messages up to 256 KiB).").excludes("maxMessageBytes", "tls");
    static final Option<String> FRAME = Option.string("frame").defaultValue("text").allowed("text", "binary")
            .description("The frames this system writes (replies, calls, broadcasts): the message's JSON as text,"
                    + " or as UTF-8 bytes in a binary frame. A peer may send either kind.");
    static final Option<Boolean> CONNECTION_EVENTS = Option.bool("connectionEvents").defaultValue(false)
            .description("Also start the route when a peer connects and when it leaves: the body is {event, connection,"
                    + " peer} and the header WebSocketEvent is open or close (message for a message). A reply to an"
                    + " open event goes to the new peer.");
    static final Option<Boolean> REPLIES = Option.bool("replies").defaultValue(true)
            .description("Send the route's final body back to the sender (an error frame when the message fails);"
                    + " false for a route that answers by broadcasting, or not at all — a failed message is then only"
                    + " dead-lettered.");
    static final Option<Boolean> BROADCAST = Option.bool("broadcast").defaultValue(false)
            .description("Write to every peer connected to the system's path now, instead of to the connection the"
                    + " message's WebSocketConnection header names.");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Serves a WebSocket endpoint on its own port (camel-vertx-websocket): each JSON message a peer sends"
                    + " starts the route and gets the route's reply; a target writes to one peer or broadcasts to all.",
            "io.unikernal:unikernal-components-websocket");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        List<Option<?>> options = new java.util.ArrayList<>(List.of(HOST, PORT, LISTENER, PATH, MAX_MESSAGE_BYTES,
                FRAME, TlsSettings.TLS));
        options.addAll(TlsSettings.OPTIONS);
        return options;
    }

    static final ProblemCode TLS_REFERENCE = new PluginProblemCode("WEBSOCKET", 1,
            "a websocket system's tls is a ${...} reference");
    static final ProblemCode STORES_WITHOUT_TLS = new PluginProblemCode("WEBSOCKET", 2,
            "a websocket system with a trust or key store says tls: false");
    static final ProblemCode NO_KEYSTORE = new PluginProblemCode("WEBSOCKET", 3,
            "a websocket system serving wss has no keystore (its certificate)");

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(TLS_REFERENCE, STORES_WITHOUT_TLS, NO_KEYSTORE);
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        TlsSettings.checkSwitch(system, problems, TLS_REFERENCE, STORES_WITHOUT_TLS);
        if (TlsSettings.wanted(system) && system.option(TlsSettings.KEYSTORE.name()) == null) {
            problems.error(NO_KEYSTORE, system.pos(), "system " + system.name() + " serves wss but has no keystore",
                    "add keystore: the server's certificate and key (PKCS12, JKS or PEM)");
        }
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Server());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new ToPeers());
    }

    /**
     * Its one-line error log, and the server's Vert.x options (the size limits) and probe — or, on the app's HTTP
     * listener, that listener's properties and probe.
     */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        ctx.addBean(errorLog(system, ctx), WebSocketErrorLog.class, Map.of("system", system.name()));
        if (onHttpListener(system)) {
            HttpServerAdapter.contributeListener(system, ctx, NAME);
        } else {
            contributeServer(system, ctx);
        }
        // a section (a WebSocket <-> TCP translation) may serve the port with a listener of its own
        boolean served = ctx.servedBySection(system)
                || ctx.document().routes().stream().anyMatch(r -> system.name().equals(r.from().system()));
        if (!served && !ctx.testMode()) {
            BeanFactoryDefinition<?> push = new BeanFactoryDefinition<>();
            push.setName(ctx.systemBean(system) + ".pushServer");
            push.setType(WebSocketPushServer.class.getName());
            push.setProperties(new LinkedHashMap<>(Map.of("system", system.name(), "uri", serverUri(system, ctx, "false"))));
            push.setInitMethod("start");
            ctx.addBean(push);
        }
    }

    private static void contributeServer(SystemDecl system, CompileContext ctx) {
        String limit = ctx.text(system, MAX_MESSAGE_BYTES);
        Map<String, String> options = new LinkedHashMap<>(Map.of("maxWebSocketMessageSize", limit,
                "maxWebSocketFrameSize", limit));
        boolean tls = TlsSettings.wanted(system);
        if (tls) {
            options.put("tls", TlsSettings.contribute(system, ctx));
        }
        ctx.addBean(serverOptions(system, ctx), tls ? WebSocketTlsServerOptions.class : HttpServerOptions.class,
                options);
        ctx.addBean(ctx.systemBean(system) + ".probe", ListenerProbe.class, Map.of("system", system.name(),
                "adapter", NAME, "host", ctx.text(system, HOST), "port", ctx.text(system, PORT), "protocol", "WebSocket"));
    }


    /** The server's endpoint, as a route serves it (and a push server, for a system no route serves). */
    private static String serverUri(SystemDecl system, CompileContext ctx, String connectionEvents) {
        EndpointUri uri = endpoint(system, ctx);
        if (!onHttpListener(system)) {
            uri.param("serverOptions", "#bean:" + serverOptions(system, ctx));
        }
        return uri.param("exceptionHandler", "#bean:" + errorLog(system, ctx))
                .param("fireWebSocketConnectionEvents", connectionEvents).toString();
    }

    private static String serverOptions(SystemDecl system, CompileContext ctx) {
        return ctx.systemBean(system) + ".serverOptions";
    }

    private static String errorLog(SystemDecl system, CompileContext ctx) {
        return ctx.systemBean(system) + ".errors";
    }

    private static EndpointUri endpoint(SystemDecl system, CompileContext ctx) {
        // on the HTTP listener: camel-vertx-websocket's endpoints mounted on platform-http's router
        return EndpointUri.of(onHttpListener(system) ? "websocket-http" : "vertx-websocket", ctx.text(system, HOST) + ":" + ctx.text(system, PORT)
                + ctx.text(system, PATH));
    }

    private static String listener(SystemDecl system) {
        return onHttpListener(system) ? "http-listener" : HOST.text(system) + ":" + PORT.text(system);
    }

    private static final class Server implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(CONNECTION_EVENTS, REPLIES);
        }

        /**
         * The route's final body goes back to the peer that sent the message. The port is checked before the app
         * starts ({@link ListenerProbe}): one another process holds fails the start in one line.
         */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REQUEST_REPLY, Capability.CHECKED_AT_START);
        }

        /** Systems on one host and port share camel-vertx-websocket's one server there: their limits must agree. */
        @Override
        public Optional<SharedListener> sharedListener(SystemDecl system) {
            if (onHttpListener(system)) {
                return Optional.of(HttpServerAdapter.sharedListener(system));
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(MAX_MESSAGE_BYTES.name(), MAX_MESSAGE_BYTES.text(system));
            settings.put(TlsSettings.TLS.name(), String.valueOf(TlsSettings.wanted(system)));
            return Optional.of(new SharedListener(NAME + " " + listener(system), settings,
                    "websocket systems on one host and port share one server: use one {setting}", Map.of()));
        }

        @Override
        public Optional<ServedListener> servedListener(SystemDecl system) {
            return onHttpListener(system) ? Optional.of(HttpServerAdapter.servedListener()) : Optional.empty();
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String path = PATH.text(system);
            return Optional.of(new Channel(NAME, listener(system) + path, null,
                    "websocket " + path + " on " + listener(system)));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            return serverUri(use.system(), ctx, ctx.text(use.use(), CONNECTION_EVENTS));
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            ctx.addBean("websocket-inbound", WebSocketInbound.class, Map.of());
            route.process("websocket-inbound");
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }

        /** To the sender's connection, if it is still there; an error reply (a malformed message) goes the same way. */
        @Override
        public void denormalizeReply(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            if (Boolean.FALSE.equals(REPLIES.of(use.use()))) {
                return;
            }
            String frame = ctx.text(use.system(), FRAME);
            String name = "websocket-reply-" + frame;
            ctx.addBean(name, WebSocketSend.class, Map.of("reply", "true", "frame", frame));
            block.process(name);
        }
    }

    private static final class ToPeers implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(BROADCAST);
        }

        /** A peer of this app's own server: nothing to restart, no client timeout (a write is not awaited by a reply). */
        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            String frame = ctx.text(use.system(), FRAME);
            if (Boolean.TRUE.equals(BROADCAST.of(use.use()))) {
                String name = "websocket-broadcast-" + frame;
                ctx.addBean(name, WebSocketOutbound.class, Map.of("broadcast", "true", "frame", frame));
                block.process(name);
                String call = ctx.systemBean(use.system()) + ".broadcast";
                ctx.addBean(call, WebSocketProducerCall.class, Map.of("uri", endpoint(use.system(), ctx).toString()));
                block.process(call);
                ctx.addBean("websocket-outbound-done", WebSocketOutboundDone.class, Map.of());
                block.process("websocket-outbound-done");
            } else {
                String name = "websocket-to-connection-" + frame;
                ctx.addBean(name, WebSocketSend.class, Map.of("reply", "false", "frame", frame));
                block.process(name);
            }
        }
    }
}
