package io.unikernal.translate.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Service;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket <-> TCP translation at run time: a listener on the exposed system's address whose every connection
 * opens one connection to the target and is bridged to it ({@link Splice}). A bean of the compiled app: its init
 * method ({@link #start}) opens the listener once the CamelContext has started and registers it as a service of the
 * context, so it stops with the app (also the bean's destroy method, {@link #stop}). Both sides of a connection live on
 * one event loop of the bridge's own (two threads).
 */
public abstract class StreamBridge implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBridge.class);

    /** Unsent bytes per side above which reading from the other side stops (and below {@link #LOW_WATER} resumes). */
    static final int HIGH_WATER = 64 * 1024;
    static final int LOW_WATER = 32 * 1024;
    static final int CONNECT_MILLIS = 5000;
    /** How long a close frame waits for the peer's answer before the connection is closed anyway. */
    static final int CLOSE_MILLIS = 2000;

    private CamelContext camelContext;
    private String translation;
    private String host = "127.0.0.1";
    private int port;
    private String framing = "line";
    private int lengthFieldBytes = 4;
    private int frameLength;
    private int maxFrameSize = 1_048_576;

    private final Set<Splice> open = ConcurrentHashMap.newKeySet();
    private EventLoopGroup loops;
    private Channel listener;
    /** On the app's HTTP listener: what takes the bridge's routes off it again; null otherwise. */
    private Runnable unmount;
    private StreamMetrics metrics;
    private TcpFraming tcpFraming;

    public void setTranslation(String translation) {
        this.translation = translation;
    }

    /** The address the listener binds (the exposed system's). */
    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        this.port = port;
    }

    /** The tcp system's framing: line, length-prefixed or fixed. */
    public void setFraming(String framing) {
        this.framing = framing;
    }

    public void setLengthFieldBytes(int lengthFieldBytes) {
        this.lengthFieldBytes = lengthFieldBytes;
    }

    public void setFrameLength(int frameLength) {
        this.frameLength = frameLength;
    }

    /** The tcp system's largest frame; also the largest WebSocket message the bridge forwards. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    String translation() {
        return translation;
    }

    /** The init method: the listener opens when the app has started. */
    public void start() throws Exception {
        if (camelContext == null) {
            throw new IllegalStateException("the bridge of translation " + translation + " needs its CamelContext");
        }
        tcpFraming = new TcpFraming(framing, lengthFieldBytes, frameLength, maxFrameSize);
        camelContext.addStartupListener(new Opener());
    }

    private final class Opener implements StartupListener {
        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
            open(context);
            context.addService(new Closer(), true, true);
        }
    }

    /** Stops the bridge with the context. */
    private final class Closer implements Service {
        @Override
        public void start() {
        }

        @Override
        public void stop() {
            StreamBridge.this.stop();
        }
    }

    private synchronized void open(CamelContext context) {
        if (listener != null || unmount != null) {
            return;
        }
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        metrics = new StreamMetrics(registry != null ? registry : new SimpleMeterRegistry(), translation,
                this::buffered);
        unmount = mountOnAppListener(context);
        if (unmount != null) {
            LOG.info("translation {}: {} on the app's HTTP listener", translation, describe());
            return;
        }
        loops = new NioEventLoopGroup(2, new DefaultThreadFactory("upt-" + translation, true));
        ServerBootstrap server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                // nothing is read from a new connection until its other side is connected
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER, HIGH_WATER))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accepted(channel, newSplice());
                    }
                });
        try {
            listener = server.bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("translation " + translation + " cannot listen on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        LOG.info("translation {}: {} on {}:{}", translation, describe(), host, port);
    }

    /**
     * Serves the bridge on the app's one HTTP listener instead of a listener of its own, when the exposed system is
     * served there; answers what unmounts it, or null to listen on the bridge's own host and port.
     */
    Runnable mountOnAppListener(CamelContext context) {
        return null;
    }

    /** A new bridged connection, closed with the bridge. */
    Splice newSplice() {
        Splice splice = new Splice(translation, tcpFraming, metrics, open::remove);
        open.add(splice);
        return splice;
    }

    /** Sets up an accepted connection's pipeline and opens its other side. */
    abstract void accepted(SocketChannel channel, Splice splice);

    /** For the start line: what the listener serves. */
    abstract String describe();

    /**
     * A connection from the bridge to the target, on the event loop of the connection it belongs to;
     * {@code autoRead}: read at once (a WebSocket handshake) or only once bridged.
     */
    static Bootstrap client(EventLoop loop, boolean autoRead, ChannelHandler handler) {
        return new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_MILLIS).option(ChannelOption.AUTO_READ, autoRead)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER, HIGH_WATER))
                .handler(handler);
    }

    /** Bytes held now by all connections, written and not yet taken. */
    long buffered() {
        long total = 0;
        for (Splice splice : open) {
            total += splice.buffered();
        }
        return total;
    }

    /** The destroy method (and the context's service stop): closes every connection, then the listener. */
    public synchronized void stop() {
        if (unmount != null) {
            unmount.run();
            unmount = null;
            open.forEach(Splice::shutdown);
            open.clear();
            return;
        }
        if (listener == null) {
            return;
        }
        listener.close().syncUninterruptibly();
        listener = null;
        open.forEach(Splice::shutdown);
        // a short quiet period lets the close frames and the last flushes go out
        loops.shutdownGracefully(100, CLOSE_MILLIS, TimeUnit.MILLISECONDS).syncUninterruptibly();
        open.clear();
    }
}
