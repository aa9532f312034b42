package io.unikernal.adapter.netty;

import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * The probe of a tcp or udp system. A listener (a system a route starts at): before the app starts its port must be
 * free to bind — another process on it, or an address that is not this machine's, fails the start naming the port;
 * once running, a tcp listener must accept connections. A tcp target: the server must accept a connection — refused
 * or no answer in time is transient (the kernel retries and reports the system DOWN until it is there), an unknown
 * host is permanent. A udp target has nothing to connect to: only its host must resolve.
 */
public class NettyProbe extends AbstractSystemProbe {

    private static final int CONNECT_MILLIS = 2000;
    private static final Object BINDING = new Object();

    private String host = "127.0.0.1";
    private int port;
    private boolean datagram;
    private boolean listener;

    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public void setDatagram(boolean datagram) {
        this.datagram = datagram;
    }

    public void setListener(boolean listener) {
        this.listener = listener;
    }

    private String what() {
        return (datagram ? "udp " : "tcp ") + host + ":" + port;
    }

    @Override
    public ProbeResult checkBeforeStart() {
        if (!listener) {
            return check();
        }
        synchronized (BINDING) {
            try {
                if (datagram) {
                    try (DatagramSocket socket = new DatagramSocket(null)) {
                        socket.bind(new InetSocketAddress(host, port));
                    }
                } else {
                    try (ServerSocket socket = new ServerSocket()) {
                        socket.setReuseAddress(true);
                        socket.bind(new InetSocketAddress(host, port));
                    }
                }
                return ProbeResult.up();
            } catch (IOException | RuntimeException e) {
                return ProbeResult.misconfigured("cannot listen on " + what() + " (" + e.getMessage() + ")",
                        "stop what uses the port, or pick another port or host");
            }
        }
    }

    @Override
    public ProbeResult check() {
        if (datagram) {
            // a datagram socket has nobody to ask: what can be known is that the host resolves
            try {
                InetAddress.getByName(host);
                return ProbeResult.up();
            } catch (UnknownHostException e) {
                return ProbeResult.misconfigured("unknown host " + host, "check the host name");
            }
        }
        String target = listener && (host.equals("0.0.0.0") || host.equals("::")) ? "127.0.0.1" : host;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target, port), CONNECT_MILLIS);
            return ProbeResult.up();
        } catch (IOException e) {
            String cause = (listener ? "the listener on " : "cannot connect to ") + what() + " ("
                    + e.getMessage() + ")";
            if (listener) {
                return ProbeResult.unavailable(cause);
            }
            if (new InetSocketAddress(target, port).isUnresolved()) {
                return ProbeResult.misconfigured("unknown host " + host, "check the host name");
            }
            ProbeResult verdict = NetworkFailures.classify(e, cause);
            return verdict != null ? verdict : ProbeResult.unavailable(cause);
        }
    }
}
