package io.unikernal.adapter.grpc.component;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpcio.server.GrpcIoServer;
import io.vertx.grpcio.server.GrpcIoServiceBridge;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import io.unikernal.adapter.http.AppListener;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The methods served on the app's one HTTP listener ({@code listener=http}): Vert.x's gRPC server, mounted first on
 * the router platform-http binds for the app, takes the HTTP/2 requests whose content type is
 * {@code application/grpc*}; every other request goes on to the REST, GraphQL and WebSocket routes of the same port.
 * So one port serves HTTP/1.1 and gRPC with no proxy in front (DESIGN.md, "one port"). The methods are the same
 * grpc-java {@link ServerMethodDefinition}s a listener of its own serves, bridged; a method no route serves is
 * UNIMPLEMENTED, as grpc-java answers it.
 * <p>
 * Two things the bridge does not do, done here: the calls run off the event loop (a route may block), each call's
 * callbacks in order on the Camel worker pool; and the caller's {@code grpc-timeout} becomes the call's deadline
 * (grpc-netty does that itself), so calls the route makes never outlive it.
 * <p>
 * Every method of a {@code .proto} (a gRPC → REST translation, {@link #addEvery}) is looked up per call, after the
 * methods served one by one: each method found gets a server of its own, holding that method only, made on its first
 * call and remade when the {@code .proto} changed — so nothing bound is changed while calls run.
 */
final class HttpListenerServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListenerServer.class);
    private static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout",
            Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, GrpcIoServiceBridge> methods = new ConcurrentHashMap<>();
    private GrpcIoServer server;
    private Route route;
    private int maxInboundMessageSize;
    private Vertx vertx;
    private volatile Function<String, ServerMethodDefinition<?, ?>> every;
    private final Map<String, Bound> everyBound = new ConcurrentHashMap<>();
    private Executor everyWorkers;
    private ScheduledExecutorService everyTimer;

    /** Serves {@code method}, mounting the server on the app's listener with the first. */
    synchronized void add(CamelContext context, ServerMethodDefinition<byte[], byte[]> method,
            int maxInboundMessageSize, Executor workers, ScheduledExecutorService timer) {
        String name = method.getMethodDescriptor().getFullMethodName();
        if (methods.containsKey(name)) {
            throw new IllegalStateException("method " + name + " is already served on the HTTP listener");
        }
        mountOnce(context, maxInboundMessageSize);
        ServerMethodDefinition<byte[], byte[]> offLoop = ServerMethodDefinition.create(method.getMethodDescriptor(),
                offTheEventLoop(method.getServerCallHandler(), workers, timer));
        GrpcIoServiceBridge bridge = GrpcIoServiceBridge.bridge(ServerServiceDefinition
                .builder(method.getMethodDescriptor().getServiceName()).addMethod(offLoop).build());
        bridge.bind(server);
        methods.put(name, bridge);
    }

    /**
     * Serves every method {@code lookup} finds by full name (per call; null: none), after the methods served one by
     * one; one such lookup on the listener.
     */
    synchronized void addEvery(CamelContext context, Function<String, ServerMethodDefinition<?, ?>> lookup,
            int maxInboundMessageSize, Executor workers, ScheduledExecutorService timer) {
        if (every != null) {
            throw new IllegalStateException("every method of a .proto is already served on the HTTP listener");
        }
        mountOnce(context, maxInboundMessageSize);
        everyWorkers = workers;
        everyTimer = timer;
        every = lookup;
    }

    synchronized void removeEvery() {
        every = null;
        everyBound.clear();
        unmountWhenIdle();
    }

    /** Stops serving {@code method}; the server is unmounted with the last one. */
    synchronized void remove(String method) {
        GrpcIoServiceBridge bridge = methods.remove(method);
        if (bridge != null) {
            bridge.unbind(server);
        }
        unmountWhenIdle();
    }

    private void mountOnce(CamelContext context, int maxInboundMessageSize) {
        if (server != null && this.maxInboundMessageSize != maxInboundMessageSize) {
            throw new IllegalStateException("the gRPC methods on the HTTP listener already accept messages up to "
                    + this.maxInboundMessageSize + " bytes: every method served there must use the same size");
        }
        if (server == null) {
            mount(AppListener.router(context, "gRPC"), maxInboundMessageSize);
        }
    }

    private void unmountWhenIdle() {
        if (methods.isEmpty() && every == null && route != null) {
            route.remove();
            route = null;
            server = null;
        }
    }

    private void mount(VertxPlatformHttpRouter router, int maxInbound) {
        GrpcIoServer grpc = GrpcIoServer.server(router.vertx(),
                new GrpcServerOptions().setMaxMessageSize(maxInbound));
        // without it Vert.x answers an unknown method with HTTP 500, which a client sees as UNKNOWN
        grpc.callHandler(request -> request.response().status(GrpcStatus.UNIMPLEMENTED)
                .statusMessage("Method not found: " + request.fullMethodName()).end());
        vertx = router.vertx();
        route = router.route().order(Integer.MIN_VALUE).handler(request -> dispatch(grpc, request));
        server = grpc;
        maxInboundMessageSize = maxInbound;
        LOG.info("serving gRPC on the HTTP listener (h2c, application/grpc)");
    }

    private void dispatch(GrpcIoServer grpc, RoutingContext context) {
        HttpServerRequest request = context.request();
        String type = request.getHeader("content-type");
        if (request.version() == HttpVersion.HTTP_2 && type != null && type.startsWith("application/grpc")) {
            serverFor(grpc, request.path()).handle(request);
        } else {
            context.next();
        }
    }

    /** The server of a method served one by one, else the every-method server of the one {@code path} names. */
    private GrpcIoServer serverFor(GrpcIoServer grpc, String path) {
        Function<String, ServerMethodDefinition<?, ?>> lookup = every;
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (lookup == null || methods.containsKey(name)) {
            return grpc;
        }
        @SuppressWarnings("unchecked")
        ServerMethodDefinition<byte[], byte[]> found = (ServerMethodDefinition<byte[], byte[]>) lookup.apply(name);
        if (found == null) {
            return grpc; // UNIMPLEMENTED
        }
        Bound bound = everyBound.get(name);
        if (bound == null || bound.descriptor() != found.getMethodDescriptor()) {
            // its first call, or the .proto changed: a server of its own holding this method only
            GrpcIoServer one = GrpcIoServer.server(vertx, new GrpcServerOptions()
                    .setMaxMessageSize(maxInboundMessageSize));
            GrpcIoServiceBridge.bridge(ServerServiceDefinition.builder(found.getMethodDescriptor().getServiceName())
                    .addMethod(ServerMethodDefinition.create(found.getMethodDescriptor(),
                            offTheEventLoop(found.getServerCallHandler(), everyWorkers, everyTimer)))
                    .build()).bind(one);
            bound = new Bound(found.getMethodDescriptor(), one);
            everyBound.put(name, bound);
        }
        return bound.server();
    }

    /** A method of a whole .proto and the server that serves it alone. */
    private record Bound(MethodDescriptor<byte[], byte[]> descriptor, GrpcIoServer server) {
    }


    /**
     * The handler, each call started in a context with the caller's deadline and its callbacks run in order on
     * {@code workers}: the bridge calls them on the event loop, and a route must not run there.
     */
    private static ServerCallHandler<byte[], byte[]> offTheEventLoop(ServerCallHandler<byte[], byte[]> handler,
            Executor workers, ScheduledExecutorService timer) {
        return (call, headers) -> {
            Context context = Context.current();
            Duration timeout = GrpcTimeout.parse(headers.get(TIMEOUT));
            Context.CancellableContext bounded = timeout == null ? null
                    : context.withDeadline(Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS), timer);
            Context callContext = bounded == null ? context : bounded;
            Context previous = callContext.attach();
            ServerCall.Listener<byte[]> listener;
            try {
                listener = handler.startCall(call, headers);
            } finally {
                callContext.detach(previous);
            }
            return new InOrder(listener, MoreExecutors.newSequentialExecutor(workers), callContext, bounded);
        };
    }

    /** A call's listener whose callbacks run one after the other on an executor, in the call's context. */
    private static final class InOrder extends ForwardingServerCallListener.SimpleForwardingServerCallListener<byte[]> {
        private final Executor serial;
        private final Context context;
        private final Context.CancellableContext bounded;

        InOrder(ServerCall.Listener<byte[]> delegate, Executor serial, Context context,
                Context.CancellableContext bounded) {
            super(delegate);
            this.serial = serial;
            this.context = context;
            this.bounded = bounded;
        }

        @Override
        public void onMessage(byte[] message) {
            serial.execute(context.wrap(() -> super.onMessage(message)));
        }

        @Override
        public void onHalfClose() {
            serial.execute(context.wrap(super::onHalfClose));
        }

        @Override
        public void onCancel() {
            serial.execute(context.wrap(() -> {
                super.onCancel();
                release();
            }));
        }

        @Override
        public void onComplete() {
            serial.execute(context.wrap(() -> {
                super.onComplete();
                release();
            }));
        }

        @Override
        public void onReady() {
            serial.execute(context.wrap(super::onReady));
        }

        private void release() {
            if (bounded != null) {
                bounded.cancel(null);
            }
        }
    }
}
