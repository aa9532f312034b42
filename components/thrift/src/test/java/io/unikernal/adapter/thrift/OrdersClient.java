package io.unikernal.adapter.thrift;

import java.util.Map;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.layered.TFramedTransport;

/** A libthrift client of {@code Orders.take} (framed, binary), written by hand ({@link OrdersWire}). */
final class OrdersClient implements AutoCloseable {

    private final TFramedTransport transport;
    private final TProtocol protocol;
    private int seqid;

    OrdersClient(int port) throws TException {
        transport = new TFramedTransport(new TSocket("127.0.0.1", port, 20_000));
        transport.open();
        protocol = new TBinaryProtocol(transport);
    }

    /** Calls take with the order's fields; returns the Order of the reply, or throws the TApplicationException. */
    Map<String, Object> take(Map<?, ?> order) throws TException {
        int id = ++seqid;
        protocol.writeMessageBegin(new TMessage("take", TMessageType.CALL, id));
        OrdersWire.write(protocol, "take_args", order);
        protocol.writeMessageEnd();
        transport.flush();
        TMessage reply = protocol.readMessageBegin();
        if (reply.type == TMessageType.EXCEPTION) {
            TApplicationException failure = TApplicationException.readFrom(protocol);
            protocol.readMessageEnd();
            throw failure;
        }
        Map<String, Object> result = null;
        protocol.readStructBegin();
        for (TField field = protocol.readFieldBegin(); field.type != TType.STOP; field = protocol.readFieldBegin()) {
            if (field.id == 0 && field.type == TType.STRUCT) {
                result = OrdersWire.read(protocol);
            } else {
                TProtocolUtil.skip(protocol, field.type);
            }
            protocol.readFieldEnd();
        }
        protocol.readStructEnd();
        protocol.readMessageEnd();
        if (reply.seqid != id || result == null) {
            throw new IllegalStateException("take #" + id + " was answered " + reply.name + " #" + reply.seqid
                    + " without a result");
        }
        return result;
    }

    @Override
    public void close() {
        transport.close();
    }
}
