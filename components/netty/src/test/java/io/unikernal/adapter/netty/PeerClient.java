package io.unikernal.adapter.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A plain java.net TCP client of an app's tcp source: sends frames, reads the answers. */
final class PeerClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Frames frames;

    PeerClient(int port, Frames frames) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(30_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.frames = frames;
    }

    void send(String frame) throws IOException {
        frames.write(out, frame);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next answer, or null when the app closed the connection. */
    String read() throws IOException {
        return frames.readText(in);
    }

    String ask(String frame) throws IOException {
        send(frame);
        return read();
    }

    /** Blocks until the app closes the connection; true if it did (false: an answer came instead). */
    boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
