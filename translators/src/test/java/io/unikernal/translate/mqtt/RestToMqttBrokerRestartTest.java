package io.unikernal.translate.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.PrivateMosquitto;
import io.unikernal.udl.parse.UdlParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP -> MQTT across a broker restart, on a private Mosquitto the test owns: published (202) while it is up, 503
 * while it is down — never a 2xx for a message the broker did not take — and published again once it is back (Paho's
 * automatic reconnect). In process only.
 */
class RestToMqttBrokerRestartTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path workDir;

    @Test
    void aPublishIs503WhileTheBrokerIsDownAnd202OnceItIsBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int port = FreePort.loopback();
        try (PrivateMosquitto broker = PrivateMosquitto.launch()) {
            String udl = """
                    udl: 8
                    name: restart-%s
                    systems:
                      api: {adapter: http, port: %d}
                      broker: {adapter: mqtt, host: 127.0.0.1, port: %d}
                    translations:
                      - name: devices
                        expose: {system: api, protocol: rest, path: /devices}
                        target: {system: broker, topic: "devices/{path}"}
                    """.formatted(run, port, broker.port());
            Adapters adapters = Adapters.installed();
            try (UdlRuntime app = UdlRuntime.start(new UdlCompiler(adapters).compile(new UdlParser(adapters)
                    .parse("restart.udl.yaml", udl).orThrow(), workDir, CompileOptions.DEFAULT), Map.of());
                    MqttPeer subscriber = new MqttPeer(broker.url())) {
                subscriber.subscribe("devices/#", 1);
                assertThat(post(port, "/devices/before")).isEqualTo(202);

                broker.stop();
                assertThat(post(port, "/devices/down")).isEqualTo(503);

                broker.start();
                Awaitility.await("published again once the broker is back").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500)).until(() -> post(port, "/devices/after") == 202);
                assertThat(subscriber.received()).extracting(MqttPeer.Got::topic).contains("devices/before")
                        .doesNotContain("devices/down");
            }
        }
    }

    private static int post(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"at\": \"" + path + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
