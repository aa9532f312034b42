package io.unikernal.translate.detect;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A loopback TCP listener that records the bytes the first client sends, exactly as they arrive; it may write a
 * fixed greeting first (an HTTP/2 client waits for the server's SETTINGS before it sends a request).
 */
final class WireRecorder implements AutoCloseable {

    private final ServerSocket server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile Socket client;

    WireRecorder(byte[] greeting) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        reader = new Thread(() -> record(greeting), "wire-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits until what arrived satisfies {@code complete}, then returns it. */
    byte[] awaitBytes(Predicate<byte[]> complete) {
        await().until(() -> complete.test(bytes()));
        return bytes();
    }

    /** Waits until the bytes hold {@code text} (in UTF-8), e.g. a marker in the body the client sends. */
    byte[] awaitContaining(String text) {
        return awaitBytes(b -> new String(b, StandardCharsets.ISO_8859_1)
                .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
    }

    byte[] bytes() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    private void record(byte[] greeting) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            client = socket;
            socket.getOutputStream().write(greeting);
            socket.getOutputStream().flush();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (received) {
                    received.write(buffer, 0, n);
                }
            }
        } catch (IOException closed) {
            // the test closed the recorder, or the client gave up: what arrived is recorded
        }
    }

    @Override
    public void close() throws IOException {
        Socket socket = client;
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
