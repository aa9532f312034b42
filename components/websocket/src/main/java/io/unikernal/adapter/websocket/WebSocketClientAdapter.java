package io.unikernal.adapter.websocket;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.vertx.core.http.HttpClientOptions;
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

    static final Option<String> URL = Option.string("url").required()
            // the URL is the endpoint itself: a query in it would set the client's options
            .pattern("[Ww][Ss][Ss]?://[^\\s?#&@]+", "a ws:// or wss:// URL without a query or credentials, such as"
                    + " ws://127.0.0.1:8090/chat")
            .description("The WebSocket server to write to.").example("ws://127.0.0.1:8090/chat");

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
        return List.of(URL, WebSocketAdapter.FRAME);
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Client());
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        ctx.addBean(clientOptions(system, ctx), HttpClientOptions.class,
                Map.of("connectTimeout", String.valueOf(CONNECT_MILLIS)));
        ctx.addBean(ctx.systemBean(system) + ".probe", WebSocketClientProbe.class,
                Map.of("system", system.name(), "adapter", NAME, "url", ctx.text(system, URL)));
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
