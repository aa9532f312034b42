package io.unikernal.translate.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two translators in a row: an HTTP client calls the REST to gRPC translation, whose gRPC call is served by the gRPC
 * to REST translation of the same app, which calls a REST endpoint that echoes. The body comes back as the JSON it
 * was (the same tree); the correlation id, a Grpc-Metadata header and the deadline cross both; an error status comes
 * back as the status it was. In process and from the emitted YAML.
 */
class RestGrpcRestRoundTripTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path workDir;

    @Test
    void aBodyThroughRestGrpcRestComesBackAsItWas() throws Exception {
        Path proto = workDir.resolve("payments.proto");
        Files.copy(Path.of("src/test/resources/rest-grpc/payments.proto"), proto);
        int httpPort = FreePort.loopback();
        int grpcPort = FreePort.loopback();
        try (RestPeer echo = new RestPeer()) {
            echo.behaviour = request -> request.uri().endsWith("/Get")
                    ? RestPeer.Answer.json(404, "{\"message\": \"no payment " + StrictJson.read(request.body(),
                            Map.class).get("id") + "\"}")
                    : new RestPeer.Answer(200, request.body(), Map.of("Grpc-Metadata-Echoed", "yes"));
            String name = "upt-round-" + UUID.randomUUID().toString().substring(0, 8);
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  api: {adapter: http, port: " + httpPort + "}\n"
                    + "  outbound: {adapter: grpc, address: \"127.0.0.1:" + grpcPort + "\", proto: \"" + proto + "\"}\n"
                    + "  inbound: {adapter: grpc, port: " + grpcPort + ", proto: \"" + proto + "\"}\n"
                    + "  echo: {adapter: http-client, url: \"" + echo.url() + "\"}\n"
                    + "translations:\n"
                    + "  - name: to-grpc\n    expose: {system: api, protocol: rest, path: /payments}\n"
                    + "    target: {system: outbound}\n"
                    + "  - name: to-rest\n    expose: {system: inbound, protocol: grpc}\n"
                    + "    target: {system: echo, path: /echo}\n";
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir,
                    app -> {
                        echo.requests.clear();
                        HttpResponse<String> paid = post(httpPort, "/payments/Pay", GrpcToRestTest.PAYMENT,
                                "X-Correlation-Id", "round-1", "Grpc-Metadata-Tenant", "acme", "grpc-timeout", "3S");
                        HttpResponse<String> missing = post(httpPort, "/payments/payments.v1.Payments/Get",
                                "{\"id\": \"p-9\"}");
                        RestPeer.Request got = echo.requests.get(0);
                        long forwarded = Long.parseLong(got.header("Grpc-Timeout").replace("m", ""));
                        return List.of(paid.statusCode(), StrictJson.read(paid.body(), Object.class),
                                paid.headers().firstValue("X-Correlation-Id").orElse(""),
                                paid.headers().firstValue("Grpc-Metadata-Echoed").orElse(""),
                                got.uri(), String.valueOf(got.header("X-Correlation-Id")),
                                String.valueOf(got.header("Grpc-Metadata-Tenant")), forwarded > 0 && forwarded <= 3000,
                                missing.statusCode(), StrictJson.read(missing.body(), Object.class));
                    });
            assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
            List<Object> seen = outcomes.inProcess();
            assertThat(seen.get(0)).isEqualTo(200);
            assertThat(seen.get(1)).as("the original body, as a JSON tree")
                    .isEqualTo(StrictJson.read(GrpcToRestTest.PAYMENT, Object.class));
            assertThat(seen.subList(2, 8)).containsExactly("round-1", "yes", "/echo/Pay", "round-1", "acme", true);
            assertThat(seen.get(8)).isEqualTo(404);
            assertThat(seen.get(9)).isEqualTo(Map.of("code", 5L, "message", "no payment p-9", "details", List.of()));
        }
    }

    private static HttpResponse<String> post(int port, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
