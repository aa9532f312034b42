package io.unikernal.adapter.netty;

/** The headers the tcp and udp adapters set on a message they receive. */
public final class NettyHeaders {

    /** The sender's address as {@code host:port} (a tcp connection's peer, a datagram's sender). */
    public static final String PEER = "PeerAddress";

    private NettyHeaders() {
    }
}
