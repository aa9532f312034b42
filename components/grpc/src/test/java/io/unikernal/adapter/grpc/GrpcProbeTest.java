package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.testkit.server.FreePort;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The probe of a grpc system, against real listeners: a grpc-java server is up; a port where nothing listens is
 * down for now; an unknown host, and a port where an HTTP/1.1 server answers, are configuration mistakes with one
 * line; a port another process holds cannot be served.
 */
class GrpcProbeTest {

    private static GrpcProbe calling(String address) {
        GrpcProbe probe = new GrpcProbe();
        probe.setSystem("remote");
        probe.setAdapter("grpc");
        probe.setAddress(address);
        return probe;
    }

    @Test
    void aGrpcServerIsUp() {
        try (PeerServer peer = PeerServer.onFreePort()) {
            assertThat(calling(peer.address()).checkBeforeStart().isUp()).isTrue();
            assertThat(peer.calls).as("the probe runs nothing at the server").isEmpty();
        }
    }

    @Test
    void aPortWhereNothingListensIsDownForNow() {
        ProbeResult result = calling("127.0.0.1:" + FreePort.loopback()).check();
        assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(result.cause()).contains("cannot connect to 127.0.0.1:").contains("Connection refused");
    }

    @Test
    void anUnknownHostIsAMistake() {
        ProbeResult result = calling("no-such-host.invalid:9090").check();
        assertThat(result.isPermanent()).isTrue();
        assertThat(result.describe()).contains("unknown host").doesNotContain("Exception").doesNotContain("\n");
    }

    @Test
    void aServerThatIsNoGrpcServerIsAMistake() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread answering = new Thread(() -> {
                while (!http.isClosed()) {
                    try (Socket socket = http.accept(); OutputStream out = socket.getOutputStream()) {
                        socket.getInputStream().read(new byte[4096]);
                        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            ProbeResult result = calling("127.0.0.1:" + http.getLocalPort()).check();
            assertThat(result.isPermanent()).as(result.describe()).isTrue();
            assertThat(result.describe()).contains("does not answer as a gRPC server").doesNotContain("\n");
        }
    }

    @Test
    void aPortAnotherProcessHoldsCannotBeServed() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            GrpcProbe probe = new GrpcProbe();
            probe.setSystem("orders");
            probe.setAdapter("grpc");
            probe.setPort(held.getLocalPort());
            ProbeResult result = probe.checkBeforeStart();
            assertThat(result.isPermanent()).isTrue();
            assertThat(result.cause()).startsWith("cannot serve gRPC on 127.0.0.1:" + held.getLocalPort());
        }
    }
}
