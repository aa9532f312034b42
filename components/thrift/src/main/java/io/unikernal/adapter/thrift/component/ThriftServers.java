package io.unikernal.adapter.thrift.component;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of one component, one per host and port: the consumers of that listener each serve their method on it
 * ({@link ServedProcessor}). It listens once its first method is added and stops, closing its connections, when the
 * last one is removed. Each connection has a thread of its own, at most {@code maxConnections} at once; a connection
 * idle for {@link #IDLE_MILLIS} is closed.
 */
final class ThriftServers {

    private static final Logger LOG = LoggerFactory.getLogger(ThriftServers.class);
    static final int IDLE_MILLIS = 5 * 60 * 1000;

    /** How a server listens; every consumer of one host and port must ask for the same. */
    record Settings(String host, int port, ThriftProtocols protocols, int maxConnections) {
        String address() {
            return host + ":" + port;
        }
    }

    private static final class Listener {
        final Settings settings;
        final ServedProcessor processor;
        final Set<TSocket> connections = ConcurrentHashMap.newKeySet();
        TThreadPoolServer server;
        Thread thread;

        Listener(Settings settings) {
            this.settings = settings;
            this.processor = new ServedProcessor(settings.address());
        }
    }

    private final Map<String, Listener> listeners = new HashMap<>();

    synchronized void add(Settings settings, ThriftDynamicConsumer consumer) throws TTransportException {
        Listener listener = listeners.get(settings.address());
        if (listener != null && !listener.settings.equals(settings)) {
            throw new IllegalStateException("the Thrift server on " + settings.address() + " already serves with"
                    + " other settings (protocol, frame size or connections): every method served on one port must"
                    + " use the same");
        }
        String name = consumer.getEndpoint().thriftMethod().name();
        if (listener != null && listener.processor.serves(name)) {
            throw new IllegalStateException("a method named " + name + " is already served on "
                    + settings.address() + " (Thrift calls name the method only, not its service)");
        }
        if (listener == null) {
            listener = new Listener(settings);
            start(listener);
            listeners.put(settings.address(), listener);
        }
        listener.processor.add(name, consumer);
    }

    synchronized void remove(Settings settings, String method) {
        Listener listener = listeners.get(settings.address());
        if (listener == null) {
            return;
        }
        listener.processor.remove(method);
        if (listener.processor.isEmpty()) {
            listeners.remove(settings.address());
            stop(listener);
        }
    }

    synchronized void closeAll() {
        listeners.values().forEach(ThriftServers::stop);
        listeners.clear();
    }

    private static void start(Listener listener) throws TTransportException {
        Settings settings = listener.settings;
        TServerSocket socket;
        try {
            socket = new TServerSocket(new TServerSocket.ServerSocketTransportArgs()
                    .bindAddr(new InetSocketAddress(settings.host(), settings.port())).clientTimeout(IDLE_MILLIS)) {
                @Override
                public TSocket accept() throws TTransportException {
                    TSocket accepted = super.accept();
                    listener.connections.removeIf(open -> !open.isOpen());
                    listener.connections.add(accepted);
                    return accepted;
                }
            };
        } catch (TTransportException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new TTransportException("cannot listen on " + settings.address() + ": " + cause.getMessage(), e);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, settings.maxConnections(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "thrift-" + settings.address() + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        listener.server = new TThreadPoolServer(new TThreadPoolServer.Args(socket).processor(listener.processor)
                .transportFactory(new MessageFrames.Factory(settings.protocols().maxFrameSize()))
                .protocolFactory(settings.protocols().protocolFactory()).executorService(workers).stopTimeoutVal(2)
                .stopTimeoutUnit(TimeUnit.SECONDS));
        listener.thread = new Thread(listener.server::serve, "thrift-server-" + settings.address());
        listener.thread.setDaemon(true);
        listener.thread.start();
        LOG.info("Thrift server listening on {} ({})", settings.address(), settings.protocols());
    }

    private static void stop(Listener listener) {
        listener.server.stop();
        listener.connections.forEach(TSocket::close);
        listener.connections.clear();
        try {
            listener.thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
