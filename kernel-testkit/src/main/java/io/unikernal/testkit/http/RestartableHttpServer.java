package io.unikernal.testkit.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.unikernal.testkit.server.RestartableServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HTTP (or HTTPS) server on an ephemeral loopback port with one handler at one path, for a test's peer:
 * {@link #stop()} closes the port, {@link #start()} listens on the same port again, as a restarting service does.
 */
public final class RestartableHttpServer implements RestartableServer, AutoCloseable {

    private final String path;
    private final HttpHandler handler;
    private final SSLContext tls;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final int port;
    private HttpServer server;

    /** Listens at once; {@code tls} null for plain HTTP. */
    public RestartableHttpServer(String path, HttpHandler handler, SSLContext tls) throws IOException {
        this.path = path;
        this.handler = handler;
        this.tls = tls;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer listening;
        if (tls == null) {
            listening = Http.loopbackServer(onPort);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), onPort),
                    0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            listening = https;
        }
        listening.setExecutor(threads);
        listening.createContext(path, handler);
        listening.start();
        return listening;
    }

    public int port() {
        return port;
    }

    /** Closes the listener: callers get "connection refused" until {@link #start()}. */
    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    @Override
    public synchronized void start() {
        if (server == null) {
            try {
                server = listen(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + " again", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }
}
