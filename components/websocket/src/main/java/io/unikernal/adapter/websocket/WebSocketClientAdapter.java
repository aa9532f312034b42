package io.unikernal.adapter.websocket;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.vertx.core.http.HttpClientOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code websocket-client}: writes each message to a WebSocket server (camel-vertx-websocket's client, one connection
 * per system, opened on the first message and again after the server closed it). A server that is down fails the
 * call, so the route's retry policy carries the message until it is back; the system's probe reports it. A write is
 * done once the frame is on the connection: WebSocket has no acknowledgement, so a frame the server loses as it goes
 * away is not noticed.
 */
public final class WebSocketClientAdapter implements Adapter {

    static final String NAME = "websocket-client";
    /** How long opening the connection may take, in the call and in the probe. */
    static final int CONNECT_MILLIS = 2000;

    public static final Option<String> URL = Option.string("url").required()
            // the URL is the endpoint itself: a query in it would set the client's options
            .pattern("[Ww][Ss][Ss]?://[^\\s?#&@]+", "a ws:// or wss:// URL without a query or credentials, such as"
                    + " ws://127.0.0.1:8090/chat")
            .description("The WebSocket server to write to.").example("wss://127.0.0.1:8443/chat");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Writes each message to a WebSocket server as JSON in a text or binary frame (camel-vertx-websocket's"
                    + " client); a server that is down is retried by the route's policy.",
            "io.unikernal:unikernal-components-websocket");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        List<Option<?>> options = new java.util.ArrayList<>(List.of(URL, WebSocketAdapter.FRAME));
        options.addAll(TlsSettings.OPTIONS);
        return options;
    }

    static final ProblemCode STORES_WITHOUT_WSS = new PluginProblemCode("WSCLIENT", 1,
            "a websocket-client system with a trust or key store has a ws:// URL");

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(STORES_WITHOUT_WSS);
    }

    /** TLS is the URL's wss://; stores with a ws:// URL would be left unused. */
    @Override
    public void check(SystemDecl system, Problems problems) {
        if (TlsSettings.storesGiven(system) && !secure(system)) {
            problems.error(STORES_WITHOUT_WSS, system.option(URL.name()) != null ? system.option(URL.name()).pos()
                    : system.pos(), "system " + system.name() + " has a truststore or keystore but a ws:// URL",
                    "write wss:// to connect with TLS, or remove the stores");
        }
    }

    private static boolean secure(SystemDecl system) {
        String url = URL.text(system);
        return url != null && url.regionMatches(true, 0, "wss://", 0, 6);
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Client());
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("connectTimeout", String.valueOf(CONNECT_MILLIS)));
        Map<String, String> probe = new LinkedHashMap<>(Map.of("system", system.name(), "adapter", NAME, "url",
                ctx.text(system, URL)));
        boolean tls = secure(system) && TlsSettings.storesGiven(system);
        if (tls) {
            String settings = TlsSettings.contribute(system, ctx);
            options.put("tls", settings);
            probe.put("tls", settings);
        }
        ctx.addBean(clientOptions(system, ctx), tls ? WebSocketTlsClientOptions.class : HttpClientOptions.class,
                options);
        ctx.addBean(ctx.systemBean(system) + ".probe", WebSocketClientProbe.class, probe);
    }

    private static String clientOptions(SystemDecl system, CompileContext ctx) {
        return ctx.systemBean(system) + ".clientOptions";
    }

    private static final class Client implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of();
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START);
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            String frame = ctx.text(use.system(), WebSocketAdapter.FRAME);
            String name = "websocket-client-" + frame;
            ctx.addBean(name, WebSocketOutbound.class, Map.of("frame", frame));
            block.process(name);
            String call = ctx.systemBean(use.system()) + ".call";
            ctx.addBean(call, WebSocketProducerCall.class, Map.of("uri", EndpointUri.of("vertx-websocket",
                    ctx.text(use.system(), URL)).param("clientOptions", "#bean:" + clientOptions(use.system(), ctx))
                    .toString()));
            block.process(call);
            ctx.addBean("websocket-outbound-done", WebSocketOutboundDone.class, Map.of());
            block.process("websocket-outbound-done");
        }
    }
}
