package io.unikernal.translate.stream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real TCP server on a loopback port (plain {@link ServerSocket}): the test reads and writes each accepted
 * connection itself, frame by frame, so it can answer, push, stop reading, close or reset.
 */
final class TcpPeer implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final List<Connection> all = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    TcpPeer() throws IOException {
        this(0);
    }

    /** {@code receiveBuffer}: a small kernel receive buffer (0: the default), so a peer that stops reading is full soon. */
    TcpPeer(int receiveBuffer) throws IOException {
        server = new ServerSocket();
        if (receiveBuffer > 0) {
            server.setReceiveBufferSize(receiveBuffer);
        }
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        acceptor = new Thread(this::accept, "tcp-peer-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Connection connection = new Connection(server.accept());
                all.add(connection);
                accepted.add(connection);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The next connection the bridge opened. */
    Connection next() throws InterruptedException {
        Connection connection = accepted.poll(10, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("the bridge opened no TCP connection");
        }
        return connection;
    }

    /**
     * Forgets the connections accepted so far: the tcp system's probe connects once when the app starts (and closes
     * at once); the connections a scenario looks at are the bridge's, opened after this.
     */
    void forgetProbes() {
        accepted.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Connection connection : all) {
            connection.socket.close();
        }
    }

    /** One accepted connection, read and written by the test. */
    static final class Connection {
        final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(10_000);
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** One line (bytes before '\n'), or null at the end of the stream. */
        byte[] readLine() throws IOException {
            return StreamApps.readLine(in);
        }

        byte[] readFrame(int lengthFieldBytes) throws IOException {
            int length = switch (lengthFieldBytes) {
                case 1 -> in.readUnsignedByte();
                case 2 -> in.readUnsignedShort();
                default -> in.readInt();
            };
            return in.readNBytes(length);
        }

        byte[] readExactly(int n) throws IOException {
            return in.readNBytes(n);
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** True when the other side closed: the next read ends the stream. */
        boolean atEnd() throws IOException {
            return in.read() < 0;
        }

        /** A reset instead of a clean close: SO_LINGER 0. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        void close() throws IOException {
            socket.close();
        }
    }
}
