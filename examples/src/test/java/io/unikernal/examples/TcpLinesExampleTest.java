package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/tcp-lines, in process and from the compiled YAML, spoken to by plain java.net sockets as {@code nc} would:
 * a request line is priced, an invalid one gets an error line on the same connection and is kept in rejects/, and a
 * line over maxFrameSize closes only its own connection. The example's own file, with the port and folder of this run.
 */
class TcpLinesExampleTest {

    private static final Path EXAMPLE = Path.of("tcp-lines");

    @TempDir
    Path tmp;

    @Test
    void requestLinesArePricedOnTheirConnection() throws Exception {
        int port = FreePort.loopback();
        Path rejects = tmp.resolve("rejects");
        Path udl = Files.writeString(tmp.resolve("lines.udl.yaml"), Files.readString(EXAMPLE.resolve(
                "lines.udl.yaml")).replace("port: 7000", "port: " + port)
                .replace("directory: rejects", "directory: \"" + rejects + "\""));
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            List<Object> seen = new ArrayList<>();
            try (Socket client = new Socket("127.0.0.1", port); Socket flooding = new Socket("127.0.0.1", port)) {
                client.setSoTimeout(30_000);
                flooding.setSoTimeout(30_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = client.getOutputStream();
                seen.add(ask(out, in, "{\"sku\": \"a-1\", \"quantity\": 3}"));
                String refused = ask(out, in, "{\"sku\": \"a-2\", \"quantity\": 0}");
                seen.add(refused.startsWith("{\"error\":") && refused.contains("quantity"));
                Awaitility.await("the refused request in rejects/").atMost(Duration.ofSeconds(30))
                        .until(() -> rejected(rejects).stream().anyMatch(r -> r.contains("a-2")));

                flooding.getOutputStream().write(("{\"sku\": \"" + "x".repeat(5000) + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
                seen.add(flooding.getInputStream().read() < 0 ? "oversize: closed" : "oversize: answered");
                seen.add(ask(out, in, "{\"sku\": \"b-7\", \"quantity\": 2}"));
            }
            return seen;
        });
        assertThat(outcomes.inProcess()).containsExactly(
                "{\"sku\":\"a-1\",\"quantity\":3,\"total\":37.5,\"currency\":\"EUR\"}", true, "oversize: closed",
                "{\"sku\":\"b-7\",\"quantity\":2,\"total\":25.0,\"currency\":\"EUR\"}");
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    private static String ask(OutputStream out, BufferedReader in, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return in.readLine();
    }

    private static List<String> rejected(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.toList()) {
                texts.add(Files.readString(file));
            }
            return texts;
        }
    }
}
