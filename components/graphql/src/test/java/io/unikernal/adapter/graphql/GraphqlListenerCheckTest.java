package io.unikernal.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.compile.YamlEmitter;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.probe.ProbeApps;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graphql source is checked before the app starts: a port another process holds fails the start in one line that
 * names the system and the address, in process and from the emitted Camel YAML alike.
 */
class GraphqlListenerCheckTest {

    @TempDir
    Path workDir;

    @Test
    void aPortAnotherProcessHoldsFailsTheStartInOneLine() throws Exception {
        Path sdl = Files.writeString(workDir.resolve("api.graphqls"), "type Query { ping: String }\n");
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String name = "gql-held-" + UUID.randomUUID().toString().substring(0, 8);
            String udl = "udl: 8\nname: " + name + "\nsystems:\n  api: {adapter: graphql, schema: \"" + sdl
                    + "\", port: " + held.getLocalPort() + "}\nroutes:\n  - name: ping\n"
                    + "    from: {system: api, field: Query.ping}\n    steps:\n"
                    + "      - transform: {set: {pong: \"'yes'\"}}\n";
            CompiledApp app = ProbeApps.compile(name, udl, workDir);
            String line = startFailure(() -> UdlRuntime.start(app, Map.of()).close());
            assertThat(line).startsWith("system api (graphql) cannot start: ")
                    .contains("127.0.0.1:" + held.getLocalPort()).doesNotContain("\n");
            Path emitted = Files.createDirectories(workDir.resolve("emitted"));
            YamlEmitter.write(app, emitted);
            assertThat(startFailure(() -> UdlRuntime.startEmitted(emitted, Map.of()).close()))
                    .as("from the emitted YAML").isEqualTo(line);
        }
    }

    private static String startFailure(ThrowingCallable start) {
        Throwable failure = catchThrowable(start);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SystemStartException cannotStart) {
                return cannotStart.getMessage();
            }
        }
        throw new AssertionError("the start did not fail with the kernel's one line", failure);
    }
}
