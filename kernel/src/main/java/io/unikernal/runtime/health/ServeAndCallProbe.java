package io.unikernal.runtime.health;

/**
 * The probe of a system that may serve on a port of this app, call a server at an address, or both (a gRPC or Thrift
 * system): the port is checked first as every listener is ({@link ListenerProbe}: free to bind before start, accepting
 * once running), then the server the system calls, as the subclass knows how ({@link #checkServer}).
 */
public abstract class ServeAndCallProbe extends AbstractSystemProbe {

    private String host = "127.0.0.1";
    private int port = -1;
    private String address;

    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    /** The server the system calls, host:port as declared; null when it calls none. */
    protected String address() {
        return address;
    }

    /** The protocol the listener serves, for its messages ({@code gRPC}, {@code Thrift}). */
    protected abstract String listenerProtocol();

    /** Whether the server at {@link #address()} answers as one of its kind should. */
    protected abstract ProbeResult checkServer();

    @Override
    public ProbeResult checkBeforeStart() {
        if (port > 0) {
            ProbeResult listening = listener().checkBeforeStart();
            if (!listening.isUp()) {
                return listening;
            }
        }
        return address == null ? ProbeResult.up() : checkServer();
    }

    @Override
    public ProbeResult check() {
        if (port > 0) {
            ProbeResult listening = listener().check();
            if (!listening.isUp()) {
                return listening;
            }
        }
        return address == null ? ProbeResult.up() : checkServer();
    }

    private ListenerProbe listener() {
        ListenerProbe listener = new ListenerProbe();
        listener.setHost(host);
        listener.setPort(port);
        listener.setProtocol(listenerProtocol());
        return listener;
    }
}
