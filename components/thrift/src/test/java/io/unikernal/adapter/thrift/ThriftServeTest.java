package io.unikernal.adapter.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.server.FreePort;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What does not fit a served method, sent as raw frames over a socket: an unknown method (UNKNOWN_METHOD), arguments of
 * the wrong wire type or a message cut short by its frame (PROTOCOL_ERROR, the route never runs), a frame over
 * maxFrameBytes and bytes that are no Thrift message (the connection is closed without a reply). After each the
 * server goes on serving — on the same connection where the frame could be read, else on a new one.
 */
class ThriftServeTest {

    @TempDir
    Path workDir;

    private final int port = FreePort.loopback();

    private String app(String name) {
        Path idl = Idl.write(workDir, "orders.thrift");
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  orders: {adapter: thrift, port: " + port + ", idl: \"" + idl + "\", maxFrameBytes: 1024}\n"
                + "  seen: {adapter: contract-probe}\n"
                + "routes:\n  - name: take\n    from: {system: orders, method: Orders.take}\n"
                + "    steps:\n      - to: seen\n    reply: {body: \"{'id': id, 'n': n * 2, 'note': 'seen'}\"}\n";
    }

    private static String name() {
        return "thrift-serve-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A frame of one message: header, then the arguments {@code body} writes. */
    private interface Body {
        void write(TProtocol out) throws TException;
    }

    private static byte[] message(String method, int seqid, Body body) throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(256);
        TProtocol out = new TBinaryProtocol(buffer);
        out.writeMessageBegin(new TMessage(method, TMessageType.CALL, seqid));
        out.writeStructBegin(new TStruct(method + "_args"));
        body.write(out);
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeMessageEnd();
        return Arrays.copyOf(buffer.getArray(), buffer.length());
    }

    private static byte[] take(int seqid, String id, int n) throws TException {
        return message("take", seqid, out -> {
            out.writeFieldBegin(new TField("id", TType.STRING, (short) 1));
            out.writeString(id);
            out.writeFieldEnd();
            out.writeFieldBegin(new TField("n", TType.I32, (short) 2));
            out.writeI32(n);
            out.writeFieldEnd();
        });
    }

    private static final class Raw implements AutoCloseable {
        final Socket socket;
        final DataOutputStream out;
        final DataInputStream in;

        Raw(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
        }

        void send(byte[] message) throws IOException {
            out.writeInt(message.length);
            out.write(message);
            out.flush();
        }

        /** The next reply's protocol, or null when the server closed the connection instead. */
        TProtocol reply() throws IOException {
            int size;
            try {
                size = in.readInt();
            } catch (EOFException closed) {
                return null;
            }
            byte[] frame = new byte[size];
            in.readFully(frame);
            try {
                TMemoryBuffer buffer = new TMemoryBuffer(size);
                buffer.write(frame);
                return new TBinaryProtocol(buffer);
            } catch (TException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The TApplicationException a reply holds. */
    private static TApplicationException failure(TProtocol reply) throws TException {
        TMessage message = reply.readMessageBegin();
        assertThat(message.type).as("an exception reply").isEqualTo(TMessageType.EXCEPTION);
        return TApplicationException.readFrom(reply);
    }

    /** Reads the Order of a take reply. */
    private static Map<String, Object> order(TProtocol reply) throws TException {
        TMessage message = reply.readMessageBegin();
        assertThat(message.type).isEqualTo(TMessageType.REPLY);
        reply.readStructBegin();
        TField field = reply.readFieldBegin();
        assertThat(field.id).isZero();
        return OrdersWire.read(reply);
    }

    private static void stillServes(Raw raw, int seqid) throws Exception {
        raw.send(take(seqid, "after-" + seqid, 21));
        assertThat(order(raw.reply())).isEqualTo(Map.of("id", "after-" + seqid, "n", 42L, "note", "seen"));
    }

    @Test
    void theResultIsTheRoutesReply() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir); Raw raw = new Raw(port)) {
            stillServes(raw, 1);
            assertThat(app.recorded("seen").get(0).body()).isEqualTo(Map.of("id", "after-1", "n", 21L));
        }
    }

    @Test
    void aReplyHeaderNamesTheDeclaredExceptionTheBodyHolds() throws Exception {
        String name = name();
        Path idl = Idl.write(workDir, "calculator.thrift");
        String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                + "  calc: {adapter: thrift, port: " + port + ", idl: \"" + idl + "\"}\n"
                + "routes:\n  - name: calculate\n    from: {system: calc, method: Calculator.calculate}\n"
                + "    reply: {headers: {thrift-exception: InvalidOperation}, body: \"{'whatOp': logid, 'why':"
                + " 'closed'}\"}\n";
        try (ProbeApp app = ProbeApp.start(name, udl, workDir); Raw raw = new Raw(port)) {
            raw.send(message("calculate", 1, out -> {
                out.writeFieldBegin(new TField("logid", TType.I32, (short) 1));
                out.writeI32(17);
                out.writeFieldEnd();
            }));
            TProtocol reply = raw.reply();
            assertThat(reply.readMessageBegin().type).isEqualTo(TMessageType.REPLY);
            reply.readStructBegin();
            TField thrown = reply.readFieldBegin();
            assertThat(thrown.id).as("the throws field ouch").isEqualTo((short) 1);
            reply.readStructBegin();
            TField whatOp = reply.readFieldBegin();
            assertThat(whatOp.id).isEqualTo((short) 1);
            assertThat(reply.readI32()).isEqualTo(17);
            reply.readFieldEnd();
            TField why = reply.readFieldBegin();
            assertThat(why.id).isEqualTo((short) 2);
            assertThat(reply.readString()).isEqualTo("closed");
        }
    }

    @Test
    void anUnknownMethodIsUnknownMethodAndTheConnectionGoesOn() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir); Raw raw = new Raw(port)) {
            raw.send(message("give", 1, out -> { }));
            TApplicationException failure = failure(raw.reply());
            assertThat(failure.getType()).isEqualTo(TApplicationException.UNKNOWN_METHOD);
            assertThat(failure.getMessage()).isEqualTo("Invalid method name: 'give'");
            stillServes(raw, 2);
        }
    }

    @Test
    void argumentsOfTheWrongTypeAreAProtocolErrorBeforeAnyRoute() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir); Raw raw = new Raw(port)) {
            raw.send(message("take", 1, out -> {
                out.writeFieldBegin(new TField("id", TType.I32, (short) 1));
                out.writeI32(7);
                out.writeFieldEnd();
            }));
            TApplicationException failure = failure(raw.reply());
            assertThat(failure.getType()).isEqualTo(TApplicationException.PROTOCOL_ERROR);
            assertThat(failure.getMessage()).contains("the arguments do not fit Orders.take: arguments.id (field 1)"
                    + " came as i32, the IDL says string").contains("correlationId=");
            assertThat(app.recorded("seen")).isEmpty();
            stillServes(raw, 2);
        }
    }

    @Test
    void aMessageCutShortByItsFrameIsAProtocolError() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir); Raw raw = new Raw(port)) {
            byte[] whole = take(1, "cut", 1);
            raw.send(Arrays.copyOf(whole, whole.length - 6));
            TApplicationException failure = failure(raw.reply());
            assertThat(failure.getType()).isEqualTo(TApplicationException.PROTOCOL_ERROR);
            assertThat(failure.getMessage()).contains("longer than its frame");
            stillServes(raw, 2);
            assertThat(app.recorded("seen")).hasSize(1);
        }
    }

    @Test
    void aFrameOverMaxFrameBytesClosesItsConnectionAndTheServerGoesOn() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            try (Raw raw = new Raw(port)) {
                raw.send(take(1, "x".repeat(2048), 1));
                assertThat(raw.reply()).as("no reply: the connection is closed").isNull();
            }
            try (Raw raw = new Raw(port)) {
                raw.out.writeInt(Integer.MAX_VALUE); // a size alone: nothing of it is read or allocated
                raw.out.flush();
                assertThat(raw.reply()).isNull();
            }
            assertThat(app.recorded("seen")).isEmpty();
            try (Raw raw = new Raw(port)) {
                stillServes(raw, 1);
            }
        }
    }

    @Test
    void bytesThatAreNoThriftMessageCloseTheirConnectionAndTheServerGoesOn() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            try (Raw raw = new Raw(port)) {
                raw.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(raw.reply()).isNull();
            }
            try (Raw raw = new Raw(port)) {
                raw.out.write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                raw.out.flush();
                assertThat(raw.reply()).isNull();
            }
            try (Raw raw = new Raw(port)) {
                stillServes(raw, 1);
            }
        }
    }
}
