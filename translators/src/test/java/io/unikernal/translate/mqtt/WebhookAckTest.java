package io.unikernal.translate.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A QoS 1 message is acknowledged only once its webhook answered 2xx: an app stopped while it is still retrying a
 * failing webhook has not acknowledged the message, so the broker hands it over again when the app's persistent
 * session comes back, and this time the webhook takes it. In process only; the machine's Mosquitto (not restarted).
 */
class WebhookAckTest {

    @TempDir
    Path workDir;

    @Test
    void aMessageWhoseWebhookNeverAnsweredIsHandedOverAgainAfterARestart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "ut-ack-" + run + "/in";
        String clientId = "ut-ack-" + run;
        try (WebhookReceiver receiver = new WebhookReceiver(); MqttPeer peer = MqttPeer.local()) {
            String udl = """
                    udl: 8
                    name: ack-%s
                    systems:
                      broker: {adapter: mqtt, host: 127.0.0.1, port: 1883}
                      hooks: {adapter: http-client, url: "%s"}
                    translations:
                      - name: readings
                        expose: {system: broker, protocol: mqtt, topic: "%s", clientId: %s}
                        target: {system: hooks, path: "/in"}
                        retry: {attempts: 100, initial: 50ms, max: 100ms}
                    """.formatted(run, receiver.url(), topic, clientId);
            Adapters adapters = Adapters.installed();
            CompiledApp app = new UdlCompiler(adapters).compile(new UdlParser(adapters).parse("ack.udl.yaml", udl)
                    .orThrow(), workDir, CompileOptions.DEFAULT);
            String marker = "m-" + run;
            try {
                receiver.failFirst(marker, Integer.MAX_VALUE, 503);
                try (UdlRuntime first = UdlRuntime.start(app, Map.of())) {
                    peer.publish(topic, "{\"id\": \"" + marker + "\"}", 1, false, "corr-" + run);
                    Awaitility.await("the webhook refused it twice").atMost(Duration.ofSeconds(20))
                            .until(() -> receiver.callsWith(marker).size() >= 2);
                } // stopped while the message is still being retried
                int refused = receiver.callsWith(marker).size();
                assertThat(receiver.callsWith(marker)).allSatisfy(c -> assertThat(c.answered()).isEqualTo(503));

                receiver.failFirst(marker, 0, 503);
                try (UdlRuntime second = UdlRuntime.start(app, Map.of())) {
                    Awaitility.await("handed over again and taken").atMost(Duration.ofSeconds(30))
                            .until(() -> receiver.callsWith(marker).stream().anyMatch(c -> c.answered() == 204));
                }
                assertThat(receiver.callsWith(marker).subList(refused, receiver.callsWith(marker).size()))
                        .extracting(WebhookReceiver.Call::answered).contains(204);
                assertThat(receiver.callsWith(marker)).extracting(c -> c.headers().get("x-correlation-id"))
                        .containsOnly("corr-" + run);
            } finally {
                endSession(clientId);
            }
        }
    }

    /** Ends the persistent session the app left on the machine's broker. */
    private static void endSession(String clientId) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:1883", clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        client.connect(options);
        client.disconnect();
        client.close();
    }
}
