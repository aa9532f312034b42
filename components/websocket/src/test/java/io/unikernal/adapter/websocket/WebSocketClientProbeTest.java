package io.unikernal.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.testkit.server.FreePort;
import org.junit.jupiter.api.Test;

/** The websocket-client probe against a real server (Vert.x's), a wrong path, a port nobody listens on, a bad host. */
class WebSocketClientProbeTest {

    private static ProbeResult check(String url) {
        WebSocketClientProbe probe = new WebSocketClientProbe();
        probe.setSystem("screen");
        probe.setAdapter(WebSocketClientAdapter.NAME);
        probe.setUrl(url);
        return probe.check();
    }

    @Test
    void upWhileTheServerTakesTheHandshake() {
        try (WsServer server = WsServer.started(FreePort.loopback(), "/ticks")) {
            assertThat(check(server.url())).isEqualTo(ProbeResult.up());
        }
    }

    @Test
    void aPathTheServerRefusesIsPermanent() {
        try (WsServer server = WsServer.started(FreePort.loopback(), "/ticks")) {
            ProbeResult result = check(server.url().replace("/ticks", "/nothing"));
            assertThat(result.toString()).contains("answers no WebSocket handshake (HTTP 404)");
            assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN_PERMANENT);
        }
    }

    @Test
    void aServerThatIsDownIsTransient() {
        ProbeResult result = check("ws://127.0.0.1:" + FreePort.loopback() + "/ticks");
        assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(result.toString()).contains("no WebSocket server answers at ws://127.0.0.1:");
    }

    @Test
    void anUnknownHostIsPermanent() {
        ProbeResult result = check("ws://no-such-host.invalid:8090/ticks");
        assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN_PERMANENT);
        assertThat(result.toString()).contains("unknown host no-such-host.invalid");
    }
}
