package io.unikernal.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.server.FreePort;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A websocket port another process holds: the app's start fails in one line naming the system and the port. */
class WebSocketPortTakenTest {

    @TempDir
    Path tmp;

    @Test
    void aTakenPortFailsTheStart() throws Exception {
        int port = FreePort.loopback();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", port));
            String udl = """
                    udl: 8
                    name: ws-taken
                    systems:
                      ws: {adapter: websocket, port: %d, path: /in}
                      seen: {adapter: contract-probe}
                    routes:
                      - name: take
                        from: ws
                        steps:
                          - to: seen
                    """.formatted(port);
            var compiled = ProbeApps.compile("ws-taken", udl, tmp);
            Throwable failure = catchThrowable(() -> UdlRuntime.start(compiled, Map.of()).close());
            String line = null;
            for (Throwable t = failure; t != null && line == null; t = t.getCause()) {
                line = t instanceof SystemStartException cannotStart ? cannotStart.getMessage() : null;
            }
            assertThat(line).as("the kernel's one line").startsWith("system ws (websocket) cannot start: cannot serve WebSocket on 127.0.0.1:" + port
                            + " (Address already in use)").doesNotContain("Exception");
        }
    }
}
