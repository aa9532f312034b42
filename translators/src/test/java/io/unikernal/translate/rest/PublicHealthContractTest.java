package io.unikernal.translate.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A public contract not written for these tests, served by code not written for them: gRPC's health-checking
 * {@code grpc/health/v1/health.proto} as published in grpc-java's grpc-services jar, and grpc-java's own
 * {@link HealthStatusManager} (generated stubs) behind it. A REST client checks a service's health through the
 * translation, in process and from the emitted YAML.
 */
class PublicHealthContractTest {

    @TempDir
    Path workDir;

    @Test
    void grpcJavasHealthServiceAnswersRestCallers() throws Exception {
        Path proto = workDir.resolve("health.proto");
        try (InputStream published = HealthStatusManager.class.getClassLoader()
                .getResourceAsStream("grpc/health/v1/health.proto")) {
            Files.copy(published, proto);
        }
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("payments", ServingStatus.SERVING);
        health.setStatus("ledger", ServingStatus.NOT_SERVING);
        int grpcPort = FreePort.loopback();
        int httpPort = FreePort.loopback();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", grpcPort))
                .addService(health.getHealthService()).build().start();
        try {
            String name = "upt-health-" + UUID.randomUUID().toString().substring(0, 8);
            String udl = "udl: 8\nname: " + name + "\nsystems:\n  api: {adapter: http, port: " + httpPort + "}\n"
                    + "  health: {adapter: grpc, address: \"127.0.0.1:" + grpcPort + "\", proto: \"" + proto
                    + "\"}\ntranslations:\n  - name: health-rest\n"
                    + "    expose: {system: api, path: /health}\n    target: {system: health}\n";
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir,
                    app -> List.of(call(httpPort, "/health/Check", "{\"service\": \"payments\"}"),
                            call(httpPort, "/health/grpc.health.v1.Health/Check", "{\"service\": \"ledger\"}"),
                            call(httpPort, "/health/Check", "{\"service\": \"unknown\"}")));
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
            assertThat(outcomes.inProcess()).isEqualTo(List.of(
                    List.of(200, Map.of("status", "SERVING")),
                    List.of(200, Map.of("status", "NOT_SERVING")),
                    List.of(404, Map.of("code", 5L, "message", "unknown service unknown", "details", List.of()))));
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static List<Object> call(int port, String path, String body) throws Exception {
        HttpResponse<String> response = RestCaller.send(port, "POST", path, body);
        return List.of(response.statusCode(), StrictJson.read(response.body(), Map.class));
    }
}
