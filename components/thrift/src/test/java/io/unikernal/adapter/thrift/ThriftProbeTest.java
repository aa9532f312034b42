package io.unikernal.adapter.thrift;

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
 * The probe of a thrift system, against real listeners: a libthrift server is up (and runs nothing); a port where
 * nothing listens is down for now; a generated server speaking another protocol and an HTTP server are configuration
 * mistakes said in one line; a port another process holds cannot be served.
 */
class ThriftProbeTest {

    private static ThriftProbe calling(String address, String protocol) {
        ThriftProbe probe = new ThriftProbe();
        probe.setSystem("remote");
        probe.setAdapter("thrift");
        probe.setAddress(address);
        probe.setProtocol(protocol);
        return probe;
    }

    @Test
    void aThriftServerIsUpAndRunsNothing() {
        try (OrdersServer server = OrdersServer.started()) {
            assertThat(calling(server.address(), "binary").checkBeforeStart().isUp()).isTrue();
            assertThat(server.taken).isEmpty();
        }
    }

    @Test
    void aPortWhereNothingListensIsDownForNow() {
        ProbeResult result = calling("127.0.0.1:" + FreePort.loopback(), "binary").check();
        assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(result.cause()).contains("cannot connect to 127.0.0.1:");
    }

    @Test
    void aServerOfAnotherProtocolIsAMistake() {
        try (InteropPeer compact = InteropPeer.server("compact")) {
            ProbeResult result = calling(compact.address(), "binary").check();
            assertThat(result.isPermanent()).as(result.describe()).isTrue();
            assertThat(result.describe()).contains("does not answer as a Thrift server (framed binary)")
                    .doesNotContain("Exception").doesNotContain("\n");
            assertThat(calling(compact.address(), "compact").check().isUp()).isTrue();
        }
    }

    @Test
    void anHttpServerIsAMistake() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket socket = http.accept(); OutputStream out = socket.getOutputStream()) {
                    socket.getInputStream().read(new byte[64]);
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // the probe went away
                }
            });
            answer.start();
            ProbeResult result = calling("127.0.0.1:" + http.getLocalPort(), "binary").check();
            assertThat(result.isPermanent()).as(result.describe()).isTrue();
            assertThat(result.describe()).contains("does not answer as a Thrift server");
            answer.join(10_000);
        }
    }

    @Test
    void aPortAnotherProcessHoldsCannotBeServed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ThriftProbe probe = new ThriftProbe();
            probe.setSystem("svc");
            probe.setAdapter("thrift");
            probe.setPort(taken.getLocalPort());
            ProbeResult result = probe.checkBeforeStart();
            assertThat(result.isUp()).isFalse();
            assertThat(result.describe()).contains(String.valueOf(taken.getLocalPort()));
        }
    }
}
