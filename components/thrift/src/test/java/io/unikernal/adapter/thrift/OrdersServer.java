package io.unikernal.adapter.thrift;

import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.RestartableServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
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
 * A libthrift server of {@code Orders.take} on a loopback port (framed, binary), with a processor written by hand
 * ({@link OrdersWire}): it records each Order and answers it. Restartable: stop closes the listener, start listens on
 * the same port again.
 */
final class OrdersServer implements RestartableServer, AutoCloseable {

    final int port = FreePort.loopback();
    final List<Map<String, Object>> taken = new CopyOnWriteArrayList<>();
    private TThreadPoolServer server;
    private Thread thread;

    static OrdersServer started() {
        OrdersServer server = new OrdersServer();
        server.start();
        return server;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        TServerSocket socket;
        try {
            socket = new TServerSocket(new InetSocketAddress("127.0.0.1", port));
        } catch (TTransportException e) {
            throw new IllegalStateException(e);
        }
        server = new TThreadPoolServer(new TThreadPoolServer.Args(socket).processor(new Take())
                .transportFactory(new TFramedTransport.Factory()).protocolFactory(new TBinaryProtocol.Factory())
                .stopTimeoutVal(1));
        thread = new Thread(server::serve, "orders-peer-" + port);
        thread.setDaemon(true);
        thread.start();
        TThreadPoolServer serving = server;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(serving::isServing);
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    private final class Take implements TProcessor {
        @Override
        public void process(TProtocol in, TProtocol out) throws TException {
            TMessage call = in.readMessageBegin();
            if (!"take".equals(call.name)) {
                TProtocolUtil.skip(in, TType.STRUCT);
                in.readMessageEnd();
                out.writeMessageBegin(new TMessage(call.name, TMessageType.EXCEPTION, call.seqid));
                new TApplicationException(TApplicationException.UNKNOWN_METHOD, "Invalid method name: '"
                        + call.name + "'").write(out);
                out.writeMessageEnd();
                out.getTransport().flush();
                return;
            }
            Map<String, Object> order = OrdersWire.read(in);
            in.readMessageEnd();
            taken.add(order);
            out.writeMessageBegin(new TMessage("take", TMessageType.REPLY, call.seqid));
            out.writeStructBegin(new TStruct("take_result"));
            out.writeFieldBegin(new org.apache.thrift.protocol.TField("success", TType.STRUCT, (short) 0));
            OrdersWire.write(out, "Order", order);
            out.writeFieldEnd();
            out.writeFieldStop();
            out.writeStructEnd();
            out.writeMessageEnd();
            out.getTransport().flush();
        }
    }
}
