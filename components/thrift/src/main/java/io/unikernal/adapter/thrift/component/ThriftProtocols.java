package io.unikernal.adapter.thrift.component;

import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocolFactory;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.TTransportFactory;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * How messages travel: framed transport (each message prefixed by its size, refused above {@code maxFrameSize}
 * before it is read) and the binary or compact protocol, whose strings and containers are limited to the frame size.
 */
public record ThriftProtocols(String protocol, int maxFrameSize) {

    public static final String BINARY = "binary";
    public static final String COMPACT = "compact";

    public ThriftProtocols {
        if (!BINARY.equals(protocol) && !COMPACT.equals(protocol)) {
            throw new IllegalArgumentException("protocol must be binary or compact, not " + protocol);
        }
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException("maxFrameSize must be positive, not " + maxFrameSize);
        }
    }

    public TProtocolFactory protocolFactory() {
        return BINARY.equals(protocol) ? new TBinaryProtocol.Factory(false, true, maxFrameSize, maxFrameSize)
                : new TCompactProtocol.Factory(maxFrameSize, maxFrameSize);
    }

    public TTransportFactory transportFactory() {
        return new TFramedTransport.Factory(maxFrameSize);
    }

    /** A framed transport over {@code socket}. */
    public TFramedTransport framed(org.apache.thrift.transport.TTransport socket) throws TTransportException {
        return new TFramedTransport(socket, maxFrameSize);
    }

    @Override
    public String toString() {
        return "framed " + protocol;
    }
}
