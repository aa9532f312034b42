package io.unikernal.adapter.http;

import io.unikernal.runtime.health.ListenerProbe;

/**
 * The probe of an http system: the app's listener. Before the app starts it tries to bind the port — another process
 * holding it, an address that is not this machine's or a port the user may not open is permanent, and the start
 * fails naming the system and the port (Camel only logs a bind failure and would run without HTTP). Once running,
 * the listener must accept connections. Port 0 (a free port picked at start) is not checked. All http systems of an
 * app share one port, and the kernel checks their probes at once: {@link ListenerProbe} binds one at a time.
 */
public class HttpListenerProbe extends ListenerProbe {

    public HttpListenerProbe() {
        setProtocol("HTTP");
    }

    @Override
    protected String portHint() {
        return "stop what uses the port, or pick another (unikernal run --port, or camel.server.port)";
    }
}
