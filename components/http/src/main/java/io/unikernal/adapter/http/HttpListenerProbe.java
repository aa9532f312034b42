package io.unikernal.adapter.http;

import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The probe of an http system: the app's listener. Before the app starts it tries to bind the port — another process
 * holding it, an address that is not this machine's or a port the user may not open is permanent, and the start
 * fails naming the system and the port (Camel only logs a bind failure and would run without HTTP). Once running,
 * the listener must accept connections. Port 0 (a free port picked at start) is not checked.
 */
public class HttpListenerProbe extends AbstractSystemProbe {

    private static final int CONNECT_MILLIS = 2000;
    /** All http systems of an app share one port, and the kernel checks their probes at once: one bind at a time. */
    private static final Object BINDING = new Object();

    private String host = "127.0.0.1";
    private int port;

    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        this.port = port;
    }

    @Override
    public ProbeResult checkBeforeStart() {
        if (port == 0) {
            return ProbeResult.up();
        }
        synchronized (BINDING) {
            return bindOnce();
        }
    }

    private ProbeResult bindOnce() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return ProbeResult.up();
        } catch (IOException | RuntimeException e) {
            return ProbeResult.misconfigured("cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage() + ")",
                    "stop what uses the port, or pick another (unikernal run --port, or camel.server.port)");
        }
    }

    @Override
    public ProbeResult check() {
        if (port == 0) {
            return ProbeResult.up();
        }
        String target = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target, port), CONNECT_MILLIS);
            return ProbeResult.up();
        } catch (IOException e) {
            return ProbeResult.unavailable("the HTTP listener on " + host + ":" + port + " accepts no connection ("
                    + e.getMessage() + ")");
        }
    }
}
