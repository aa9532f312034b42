package io.unikernal.translate.stream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

/** A real TCP client (plain {@link Socket}) of the tcp-exposed translation. */
final class TcpClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    TcpClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void line(String text) throws IOException {
        write((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One line's bytes, or null at the end of the stream. */
    byte[] readLine() throws IOException {
        return StreamApps.readLine(in);
    }

    byte[] readFrame() throws IOException {
        return in.readNBytes(in.readInt());
    }

    /** True when the bridge closed the connection (an end of stream, or a reset). */
    boolean atEnd() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
