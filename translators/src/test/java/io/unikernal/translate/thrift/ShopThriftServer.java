package io.unikernal.translate.thrift;

import io.unikernal.testkit.server.FreePort;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.awaitility.Awaitility;

/**
 * A libthrift server (TThreadPoolServer, framed, binary) of {@code shop.thrift}'s methods on a loopback port, its
 * processor written by hand ({@link ShopWire}). It records each call's arguments and answers as the test's behaviour
 * for the method says: a result (echo of the order by default), or a {@link ShopThriftClient.Declared} exception.
 */
final class ShopThriftServer implements AutoCloseable {

    record Call(String method, Map<String, Object> arguments) {
    }

    /** A behaviour's answer that is a declared exception of the method (its throws field's name). */
    static final class Throw extends RuntimeException {
        final String field;
        final Map<String, Object> fields;

        Throw(String field, Map<String, Object> fields) {
            super(field, null, false, false);
            this.field = field;
            this.fields = fields;
        }
    }

    private static final List<ShopWire.Method> METHODS = List.of(ShopWire.PLACE, ShopWire.COUNT, ShopWire.PING);

    final int port = FreePort.loopback();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Function<Map<String, Object>, Object>> behaviours = new ConcurrentHashMap<>();
    private final TThreadPoolServer server;

    ShopThriftServer() throws TTransportException {
        behaviours.put("place", arguments -> arguments.get("order"));
        behaviours.put("count", arguments -> 7);
        behaviours.put("ping", arguments -> null);
        TServerSocket socket = new TServerSocket(new InetSocketAddress("127.0.0.1", port));
        server = new TThreadPoolServer(new TThreadPoolServer.Args(socket).processor(processor())
                .transportFactory(new TFramedTransport.Factory()).protocolFactory(new TBinaryProtocol.Factory())
                .minWorkerThreads(1).maxWorkerThreads(4));
        Thread thread = new Thread(server::serve, "shop-thrift-server");
        thread.setDaemon(true);
        thread.start();
        Awaitility.await().until(server::isServing);
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    private TProcessor processor() {
        return (TProtocol in, TProtocol out) -> {
            TMessage message = in.readMessageBegin();
            ShopWire.Method method = METHODS.stream().filter(m -> m.name().equals(message.name)).findFirst()
                    .orElse(null);
            if (method == null) {
                TProtocolUtil.skip(in, TType.STRUCT);
                in.readMessageEnd();
                out.writeMessageBegin(new TMessage(message.name, TMessageType.EXCEPTION, message.seqid));
                new TApplicationException(TApplicationException.UNKNOWN_METHOD, "Invalid method name: '"
                        + message.name + "'").write(out);
                out.writeMessageEnd();
                out.getTransport().flush();
                return;
            }
            Map<String, Object> arguments = ShopWire.readStruct(in, method.arguments());
            in.readMessageEnd();
            calls.add(new Call(method.name(), arguments));
            out.writeMessageBegin(new TMessage(method.name(), TMessageType.REPLY, message.seqid));
            out.writeStructBegin(new TStruct(method.name() + "_result"));
            try {
                Object result = behaviours.get(method.name()).apply(arguments);
                if (method.result() != null) {
                    out.writeFieldBegin(new TField("success", resultWire(method), (short) 0));
                    ShopWire.write(out, method.result(), result);
                    out.writeFieldEnd();
                }
            } catch (Throw thrown) {
                for (int i = 0; i < method.exceptions().size(); i++) {
                    ShopWire.Field field = method.exceptions().get(i);
                    if (field.name().equals(thrown.field)) {
                        out.writeFieldBegin(new TField(field.name(), TType.STRUCT, (short) field.id()));
                        ShopWire.writeStruct(out, (ShopWire.Struct) field.type(), thrown.fields);
                        out.writeFieldEnd();
                    }
                }
            }
            out.writeFieldStop();
            out.writeStructEnd();
            out.writeMessageEnd();
            out.getTransport().flush();
        };
    }

    private static byte resultWire(ShopWire.Method method) {
        return method.result() == ShopWire.I32 ? TType.I32 : TType.STRUCT;
    }

    @Override
    public void close() {
        server.stop();
    }
}
