package io.unikernal.adapter.websocket;

import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.runtime.tls.TlsContextFactory;
import io.unikernal.runtime.tls.TlsSetupException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The probe of a websocket-client system: it opens a WebSocket connection to the URL and closes it again. An unknown
 * host, or a server that answers the handshake with something else than a WebSocket (a 404 for the path), is
 * permanent — the start fails in one line; a refused connection or no answer in time is transient (the kernel
 * retries, and the system is DOWN until the server answers).
 */
public class WebSocketClientProbe extends AbstractSystemProbe {

    private String url;
    private TlsContextFactory tls;

    public void setUrl(String url) {
        this.url = url;
    }

    /** The system's TLS settings, for a wss:// URL with stores; the JVM's default trust otherwise. */
    public void setTls(TlsContextFactory tls) {
        this.tls = tls;
    }

    @Override
    public ProbeResult check() {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return ProbeResult.misconfigured("the url '" + url + "' is not a URL", "write ws://host:port/path");
        }
        HttpClient client;
        try {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(
                    WebSocketClientAdapter.CONNECT_MILLIS));
            if (tls != null) {
                builder.sslContext(tls.sslContext());
            }
            client = builder.build();
        } catch (TlsSetupException e) {
            return ProbeResult.misconfigured(e.getMessage(), "check the TLS options (truststore, keystore)");
        }
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(Duration.ofMillis(WebSocketClientAdapter
                    .CONNECT_MILLIS)).buildAsync(uri, new WebSocket.Listener() { })
                    .get(2L * WebSocketClientAdapter.CONNECT_MILLIS, TimeUnit.MILLISECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "probe").orTimeout(1, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
            socket.abort();
            return ProbeResult.up();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unavailable("interrupted while connecting to " + uri);
        } catch (TimeoutException e) {
            return ProbeResult.unavailable("no WebSocket handshake with " + uri + " in time");
        } catch (ExecutionException e) {
            return classify(uri, e.getCause());
        }
    }

    private static ProbeResult classify(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            // the JDK wraps an unknown host in a ConnectException: look for it first
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return ProbeResult.misconfigured("unknown host " + uri.getHost(), "check the system's url");
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                ProbeResult tlsFailure = NetworkFailures.classify(t, "TLS with " + uri + " failed");
                if (tlsFailure != null) {
                    return tlsFailure;
                }
            }
            if (t instanceof WebSocketHandshakeException handshake) {
                return ProbeResult.misconfigured("the server at " + uri + " answers no WebSocket handshake (HTTP "
                        + handshake.getResponse().statusCode() + ")", "check the url's path");
            }
            if (t instanceof ConnectException || t instanceof HttpTimeoutException) {
                return ProbeResult.unavailable("no WebSocket server answers at " + uri + " (connection refused or"
                        + " no answer in time)");
            }
        }
        return ProbeResult.unavailable("cannot connect to " + uri + " (" + cause.getMessage() + ")");
    }
}
