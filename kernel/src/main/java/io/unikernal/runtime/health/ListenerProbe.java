package io.unikernal.runtime.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The probe of a system that listens on a port of its own (a WebSocket server): before the app starts the port must
 * be free to bind — another process on it, an address that is not this machine's or a port the user may not open is
 * permanent, and the start fails naming the system and the port (Camel would fail with a bare BindException); once
 * running, the listener must accept connections. {@code protocol} names what is served, for the messages. Port 0 (a
 * free port picked at start) is not checked.
 */
public class ListenerProbe extends AbstractSystemProbe {

    private static final int CONNECT_MILLIS = 2000;
    /** Systems sharing one port are checked at once: one bind at a time. */
    private static final Object BINDING = new Object();

    private String host = "127.0.0.1";
    private int port;
    private String protocol = "connections";

    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    /** What the user can do about a port that cannot be bound. */
    protected String portHint() {
        return "stop what uses the port, or pick another";
    }

    @Override
    public ProbeResult checkBeforeStart() {
        if (port == 0) {
            return ProbeResult.up();
        }
        synchronized (BINDING) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(host, port));
                return ProbeResult.up();
            } catch (IOException | RuntimeException e) {
                return ProbeResult.misconfigured("cannot serve " + protocol + " on " + host + ":" + port + " ("
                        + e.getMessage() + ")", portHint());
            }
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
            return ProbeResult.unavailable("the " + protocol + " listener on " + host + ":" + port
                    + " accepts no connection (" + e.getMessage() + ")");
        }
    }
}
