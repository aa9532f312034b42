package io.unikernal.adapter.netty;

import io.unikernal.testkit.server.RestartableServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A plain java.net TCP server a tcp target reaches: records every frame it reads and, unless one-way, answers each
 * with {@code answer(frame)}. It can be stopped (its port and every connection closed, as a restarting service) and
 * started again on the same port.
 */
final class PeerServer implements RestartableServer, AutoCloseable {

    private final int port;
    private final Frames frames;
    private final UnaryOperator<String> answer;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    /** {@code answer} null: one-way, nothing is answered. */
    PeerServer(int port, Frames frames, UnaryOperator<String> answer) {
        this.port = port;
        this.frames = frames;
        this.answer = answer;
        start();
    }

    int port() {
        return port;
    }

    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
        ServerSocket current = listener;
        Thread accepting = new Thread(() -> accept(current), "peer-server-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread serving = new Thread(() -> serve(connection), "peer-connection-" + port);
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            for (byte[] frame = frames.read(in); frame != null; frame = frames.read(in)) {
                String text = new String(frame, StandardCharsets.UTF_8);
                // answered before it counts as received: a frame whose answer was cut off by a stop is not counted
                if (answer != null) {
                    frames.write(out, answer.apply(text));
                }
                received.add(text);
            }
        } catch (SocketException e) {
            // closed by stop()
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            connections.remove(connection);
        }
    }

    @Override
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
            for (Socket connection : connections) {
                connection.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        listener = null;
    }

    @Override
    public void close() {
        stop();
    }
}
