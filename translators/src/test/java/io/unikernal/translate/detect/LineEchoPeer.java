package io.unikernal.translate.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The TCP peer of {@link OnePortTest}'s WebSocket → TCP translation: a plain {@link ServerSocket} on a loopback port
 * answering each newline-terminated line of a connection with {@code tcp <n>: <line>}, {@code n} counting the
 * connection's lines, until the connection closes.
 */
final class LineEchoPeer implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    LineEchoPeer() {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "line-echo-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections carried a line (the app's start-up probe connects too, and sends none). */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> echo(socket), "line-echo-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            OutputStream out = socket.getOutputStream();
            int count = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (count == 0) {
                    connections.incrementAndGet();
                }
                out.write(("tcp " + ++count + ": " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the bridge closed or reset the connection: nothing to answer
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
