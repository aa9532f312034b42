package io.unikernal.adapter.grpc.component;

import io.grpc.HandlerRegistry;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of one component, one per host and port: the consumers of that listener each add their method to its
 * registry. It listens once its first method is added and stops when its last one is removed. A call of a method no
 * consumer serves is answered UNIMPLEMENTED by grpc-java.
 */
final class GrpcServers {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcServers.class);

    /**
     * How a server listens; every consumer of one host and port must ask for the same. {@code httpListener}: on the
     * app's HTTP listener instead ({@link HttpListenerServer}; host, port and TLS are that listener's).
     */
    record Settings(String host, int port, int maxInboundMessageSize, String tlsCertChain, String tlsPrivateKey,
            boolean httpListener) {
        String address() {
            return httpListener ? "the HTTP listener" : host + ":" + port;
        }
    }

    private static final class Methods extends HandlerRegistry {
        private final Map<String, ServerMethodDefinition<?, ?>> byName = new ConcurrentHashMap<>();
        /** Serves every method of a .proto (looked up per call); null when no such consumer is on the port. */
        private volatile Function<String, ServerMethodDefinition<?, ?>> every;

        @Override
        public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
            ServerMethodDefinition<?, ?> one = byName.get(methodName);
            Function<String, ServerMethodDefinition<?, ?>> fallback = every;
            return one != null || fallback == null ? one : fallback.apply(methodName);
        }

        boolean isEmpty() {
            return byName.isEmpty() && every == null;
        }
    }

    private static final class Listener {
        final Settings settings;
        final Methods methods = new Methods();
        Server server;

        Listener(Settings settings) {
            this.settings = settings;
        }
    }

    private final Map<String, Listener> listeners = new HashMap<>();
    private final HttpListenerServer httpListener = new HttpListenerServer();
    private ExecutorService workers;
    private ScheduledExecutorService timer;

    /** Serves {@code method} on the listener of {@code settings}, starting it if it is the first. */
    synchronized void add(Settings settings, ServerMethodDefinition<byte[], byte[]> method, CamelContext context)
            throws IOException {
        if (settings.httpListener()) {
            startWorkers(context);
            httpListener.add(context, method, settings.maxInboundMessageSize(), workers, timer);
            return;
        }
        Listener listener = listeners.get(settings.address());
        if (listener != null && !listener.settings.equals(settings)) {
            throw new IllegalStateException("the gRPC server on " + settings.address() + " already serves with other"
                    + " settings (message size limit or TLS): every method served on one port must use the same");
        }
        String name = method.getMethodDescriptor().getFullMethodName();
        if (listener != null && listener.methods.byName.containsKey(name)) {
            throw new IllegalStateException("method " + name + " is already served on " + settings.address());
        }
        listenerFor(settings, listener).methods.byName.put(name, method);
    }

    /**
     * Serves every method {@code lookup} finds (by full name, per call) on the listener of {@code settings}, after
     * the methods served one by one; one such lookup per listener.
     */
    synchronized void addEvery(Settings settings, Function<String, ServerMethodDefinition<?, ?>> lookup,
            CamelContext context) throws IOException {
        if (settings.httpListener()) {
            startWorkers(context);
            httpListener.addEvery(context, lookup, settings.maxInboundMessageSize(), workers, timer);
            return;
        }
        Listener listener = listeners.get(settings.address());
        if (listener != null && !listener.settings.equals(settings)) {
            throw new IllegalStateException("the gRPC server on " + settings.address() + " already serves with other"
                    + " settings (message size limit or TLS): every method served on one port must use the same");
        }
        if (listener != null && listener.methods.every != null) {
            throw new IllegalStateException("every method of a .proto is already served on " + settings.address());
        }
        listenerFor(settings, listener).methods.every = lookup;
    }

    /** The pool the calls on the HTTP listener run on (off the event loop), and the timer of their deadlines. */
    private void startWorkers(CamelContext context) {
        if (workers == null) {
            workers = context.getExecutorServiceManager().newCachedThreadPool(this, "grpc-on-http-listener");
            timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                    "grpc-on-http-listener-deadlines");
        }
    }

    private Listener listenerFor(Settings settings, Listener existing) throws IOException {
        if (existing != null) {
            return existing;
        }
        Listener listener = new Listener(settings);
        listener.server = start(settings, listener.methods);
        listeners.put(settings.address(), listener);
        return listener;
    }

    synchronized void removeEvery(Settings settings) {
        if (settings.httpListener()) {
            httpListener.removeEvery();
            return;
        }
        Listener listener = listeners.get(settings.address());
        if (listener != null) {
            listener.methods.every = null;
            stopWhenIdle(settings, listener);
        }
    }

    /** Stops serving {@code method}; the server stops with its last method (calls in flight get a moment to end). */
    synchronized void remove(Settings settings, String method) {
        if (settings.httpListener()) {
            httpListener.remove(method);
            return;
        }
        Listener listener = listeners.get(settings.address());
        if (listener == null) {
            return;
        }
        listener.methods.byName.remove(method);
        stopWhenIdle(settings, listener);
    }

    private void stopWhenIdle(Settings settings, Listener listener) {
        if (listener.methods.isEmpty()) {
            listeners.remove(settings.address());
            shutdown(listener.server);
        }
    }

    synchronized void closeAll() {
        listeners.values().forEach(listener -> shutdown(listener.server));
        listeners.clear();
        if (workers != null) {
            workers.shutdownNow();
            timer.shutdownNow();
            workers = null;
        }
    }

    private static Server start(Settings settings, HandlerRegistry methods) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(),
                settings.port())).fallbackHandlerRegistry(methods)
                .maxInboundMessageSize(settings.maxInboundMessageSize());
        if (settings.tlsCertChain() != null || settings.tlsPrivateKey() != null) {
            if (settings.tlsCertChain() == null || settings.tlsPrivateKey() == null) {
                throw new IllegalArgumentException("a TLS server needs both tlsCertChain and tlsPrivateKey");
            }
            try {
                builder.sslContext(GrpcSslContexts.forServer(new File(settings.tlsCertChain()),
                        new File(settings.tlsPrivateKey())).build());
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot use the TLS certificate " + settings.tlsCertChain()
                        + " and key " + settings.tlsPrivateKey() + ": " + ProtoContractException.describe(e));
            }
        }
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new IOException("cannot listen on " + settings.address() + ": "
                    + ProtoContractException.describe(e.getCause() == null ? e : e.getCause()), e);
        }
    }

    private static void shutdown(Server server) {
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.info("gRPC server {}: calls still open after 2 s are cancelled", server.getListenSockets());
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
