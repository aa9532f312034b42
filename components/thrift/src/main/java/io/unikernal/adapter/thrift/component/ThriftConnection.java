package io.unikernal.adapter.thrift.component;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;

/** One client connection to a Thrift server: a socket, its frames and the protocol over them. Not shared at once. */
public final class ThriftConnection implements AutoCloseable {

    private final TSocket socket;
    private final MessageFrames frames;
    private final TProtocol protocol;
    private int seqid;

    private ThriftConnection(TSocket socket, MessageFrames frames, TProtocol protocol) {
        this.socket = socket;
        this.frames = frames;
        this.protocol = protocol;
    }

    /** Connects to {@code host:port} within {@code timeoutMillis}, which also bounds each read. */
    public static ThriftConnection open(String address, ThriftProtocols protocols, int timeoutMillis)
            throws TTransportException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("the address must be host:port, not " + address);
        }
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        TConfiguration configuration = TConfiguration.custom().setMaxFrameSize(protocols.maxFrameSize())
                .setMaxMessageSize(Math.max(protocols.maxFrameSize(), TConfiguration.DEFAULT_MAX_MESSAGE_SIZE))
                .build();
        TSocket socket = new TSocket(configuration, host, port, timeoutMillis, timeoutMillis);
        socket.open();
        MessageFrames frames = new MessageFrames(socket, protocols.maxFrameSize());
        return new ThriftConnection(socket, frames, protocols.protocolFactory().getProtocol(frames));
    }

    public TProtocol protocol() {
        return protocol;
    }

    MessageFrames frames() {
        return frames;
    }

    /** The sequence id of the next call on this connection. */
    int nextSeqid() {
        return ++seqid;
    }

    @Override
    public void close() {
        socket.close();
    }
}
