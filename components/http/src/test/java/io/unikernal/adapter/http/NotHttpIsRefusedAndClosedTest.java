package io.unikernal.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.server.FreePort;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's HTTP listener meets bytes that are no HTTP (a TLS ClientHello on the cleartext port, a line of another
 * protocol): they are refused with a 400 and the connection is closed, and the listener goes on answering HTTP. The
 * 400 is Vert.x's own, with no body: its server takes the handler for unreadable requests when it starts listening,
 * before any code of the app runs (docs/ingress.md).
 */
class NotHttpIsRefusedAndClosedTest {

    @TempDir
    Path workDir;

    /** The first bytes of a TLS 1.2 ClientHello record. */
    private static final byte[] TLS_HELLO = HexFormat.of().parseHex("160301003e0100003a0303"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00000200ff01000000");

    @Test
    void bytesThatAreNoHttpAreRefusedAndTheConnectionIsClosed() throws Exception {
        int port = FreePort.loopback();
        String name = "not-http-" + UUID.randomUUID().toString().substring(0, 8);
        String udl = "udl: 8\nname: " + name + "\nsystems:\n  api: {adapter: http, port: " + port + "}\n"
                + "routes:\n  - name: ping\n    from: {system: api, path: /ping}\n    reply: {body: \"'pong'\"}\n";
        try (ProbeApp app = ProbeApp.start(name, udl, workDir)) {
            for (byte[] bytes : new byte[][] {TLS_HELLO, "HELO mail.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII)}) {
                String answer = exchange(port, bytes);
                assertThat(answer).as("what came back before the server closed the connection")
                        .startsWith("HTTP/1.0 400 Bad Request").contains("content-length: 0");
            }
            assertThat(Http.get(port, "/ping").status()).isEqualTo(200);
        }
    }

    /** Sends {@code bytes} and reads until the server closes the connection (the test fails if it never does). */
    private static String exchange(int port, byte[] bytes) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000); // a server that never closes fails the read, not the clock of an assert
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
