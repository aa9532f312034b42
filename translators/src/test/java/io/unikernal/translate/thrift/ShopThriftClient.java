package io.unikernal.translate.thrift;

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

/**
 * A libthrift client (framed, binary) of {@code shop.thrift}'s methods, its wire written by hand ({@link ShopWire}).
 */
final class ShopThriftClient implements AutoCloseable {

    /** A declared exception the server answered: the throws field's name and the exception's fields. */
    static final class Declared extends Exception {
        final String field;
        final Map<String, Object> fields;

        Declared(String field, Map<String, Object> fields) {
            super(field + " " + fields);
            this.field = field;
            this.fields = fields;
        }
    }

    private final TFramedTransport transport;
    private final TProtocol protocol;
    private int seqid;

    ShopThriftClient(int port) throws TException {
        transport = new TFramedTransport(new TSocket("127.0.0.1", port, 20_000));
        transport.open();
        protocol = new TBinaryProtocol(transport);
    }

    /** Calls the method; its result (null for void), or throws {@link Declared} or the TApplicationException. */
    Object call(ShopWire.Method method, Map<?, ?> arguments) throws TException, Declared {
        return call(method.name(), method, arguments);
    }

    /** The same under another name on the wire (an unknown method). */
    Object call(String name, ShopWire.Method method, Map<?, ?> arguments) throws TException, Declared {
        int id = ++seqid;
        protocol.writeMessageBegin(new TMessage(name, TMessageType.CALL, id));
        ShopWire.writeStruct(protocol, method.arguments(), arguments);
        protocol.writeMessageEnd();
        transport.flush();
        TMessage reply = protocol.readMessageBegin();
        if (reply.type == TMessageType.EXCEPTION) {
            TApplicationException failure = TApplicationException.readFrom(protocol);
            protocol.readMessageEnd();
            throw failure;
        }
        Object result = null;
        Declared declared = null;
        protocol.readStructBegin();
        for (TField field = protocol.readFieldBegin(); field.type != TType.STOP; field = protocol.readFieldBegin()) {
            if (field.id == 0 && method.result() != null) {
                result = ShopWire.read(protocol, method.result());
            } else if (field.id > 0 && field.id <= method.exceptions().size()) {
                ShopWire.Field thrown = method.exceptions().get(field.id - 1);
                declared = new Declared(thrown.name(), ShopWire.readStruct(protocol, (ShopWire.Struct) thrown.type()));
            } else {
                TProtocolUtil.skip(protocol, field.type);
            }
            protocol.readFieldEnd();
        }
        protocol.readStructEnd();
        protocol.readMessageEnd();
        if (reply.seqid != id) {
            throw new IllegalStateException(name + " #" + id + " was answered #" + reply.seqid);
        }
        if (declared != null) {
            throw declared;
        }
        return result;
    }

    @Override
    public void close() {
        transport.close();
    }
}
