package io.unikernal.translate.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT to HTTP webhooks end to end: the machine's Mosquitto, a real webhook receiver on loopback (the JDK's HTTP
 * server), each scenario in process and from the emitted Camel YAML. Topics are unique per run.
 */
class MqttToWebhookTest {

    @TempDir
    Path workDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String base = "ut-hooks-" + run;
    private WebhookReceiver receiver;
    private MqttPeer peer;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        peer = MqttPeer.local();
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        receiver.close();
    }

    private String app(String translations) {
        return """
                udl: 8
                name: hooks-%s
                systems:
                  broker: {adapter: mqtt, host: 127.0.0.1, port: 1883}
                  legacy: {adapter: mqtt3, host: 127.0.0.1, port: 1883}
                  hooks: {adapter: http-client, url: "%s/hooks"}
                  rejected: {adapter: mqtt, host: 127.0.0.1, port: 1883, topic: "%s/rejected"}
                translations:
                """.formatted(run, receiver.url(), base) + translations;
    }

    private <T> T bothWays(String udl, TwoWayRun.Scenario<T> scenario) throws Exception {
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run("hooks-" + run + ".udl.yaml", udl, Map.of(), workDir,
                scenario);
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    @Test
    void eachMessageIsPostedWithItsTopicInTheHeadersAndThePath() throws Exception {
        String udl = app("""
                  - name: temperatures
                    expose: {system: broker, protocol: mqtt, topic: "%1$s/sensors/+/temperature", session: clean}
                    target: {system: hooks, path: "/sensors/{1}"}
                  - name: plant
                    expose: {system: broker, protocol: mqtt, topic: "%1$s/plant/#", session: clean}
                    target: {system: hooks, path: "/plant/{1}/all/{topic}"}
                  - name: meters
                    expose: {system: legacy, protocol: mqtt, topic: "%1$s/v3/+", session: clean}
                    target: {system: hooks, path: "/v3/{1}"}
                """.formatted(base));
        // a retained message: handed over with the retained flag when each run subscribes
        peer.publish(base + "/plant/state", "{\"id\": \"retained\"}", 1, true, null);
        List<String> seen = bothWays(udl, app -> {
            // what an earlier run left is told apart by this run's marker
            String marker = UUID.randomUUID().toString();
            peer.publish(base + "/sensors/kitchen/temperature", "{\"id\": \"k\",  \"celsius\": 21.50, \"m\": \""
                    + marker + "\"}", 1, false, "corr-kitchen");
            peer.publish(base + "/sensors/living room/temperature", "{\"id\": \"l\", \"m\": \"" + marker + "\"}",
                    1, false, null);
            peer.publish(base + "/plant/line 1/press", "{\"id\": \"p\", \"m\": \"" + marker + "\"}", 0, false,
                    "corr-press");
            peer.publish(base + "/sensors/kitchen/humidity", "{\"id\": \"h\", \"m\": \"" + marker + "\"}", 1, false,
                    null); // matches no filter
            peer.publish(base + "/v3/m1", "{\"id\": \"v3\", \"m\": \"" + marker + "\"}", 1, false, "corr-v3");
            Awaitility.await("four messages posted").atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.callsWith(marker).size() >= 4);
            Awaitility.await("the retained message posted").atMost(Duration.ofSeconds(30))
                    .until(() -> retainedCalls() >= 1);
            List<Object> out = new ArrayList<>();
            for (WebhookReceiver.Call call : receiver.callsWith(marker)) {
                out.add(describe(call, marker));
            }
            out.add(receiver.callsWith("\"retained\"").stream().map(c -> c.rawPath() + " "
                    + c.headers().get("x-mqtt-retained")).distinct().toList());
            out.add(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class)));
            List<String> lines = new ArrayList<>(out.stream().map(String::valueOf).sorted().toList());
            return lines;
        });
        peer.clearRetained(base + "/plant/state");
        assertThat(seen).contains(
                "POST /hooks/sensors/kitchen corr-kitchen " + base + "/sensors/kitchen/temperature qos=1"
                        + " retained=false {\"id\": \"k\",  \"celsius\": 21.50, \"m\": \"M\"} application/json",
                "POST /hooks/plant/line%201/press/all/" + base + "/plant/line%201/press corr-press " + base
                        + "/plant/line%201/press qos=0 retained=false {\"id\": \"p\", \"m\": \"M\"} application/json",
                "[/hooks/plant/state/all/" + base + "/plant/state true]",
                // MQTT 3.1.1 carries no correlation data: a fresh id
                "POST /hooks/v3/m1 fresh-id " + base + "/v3/m1 qos=1 retained=false {\"id\": \"v3\", \"m\":"
                        + " \"M\"} application/json");
        assertThat(seen).anySatisfy(line -> assertThat(line).startsWith("POST /hooks/sensors/living%20room ")
                .contains(base + "/sensors/living%20room/temperature qos=1 retained=false"));
        assertThat(seen).noneSatisfy(line -> assertThat(line).contains("humidity"));
        assertThat(seen).as("the translation timer: calls by filter and status")
                .contains("{%1$s/plant/#=204=2, %1$s/sensors/+/temperature=204=2, %1$s/v3/+=204=1}".formatted(base));
    }

    private long retainedCalls() {
        return receiver.callsWith("\"retained\"").size();
    }

    /** A call as "verb path correlation topic qos retained body content-type" (the marker as M). */
    private static String describe(WebhookReceiver.Call call, String marker) {
        Map<String, String> h = call.headers();
        String correlation = h.get("x-correlation-id");
        return call.method() + " " + call.rawPath() + " " + (correlation != null && correlation.startsWith("corr-")
                ? correlation : "fresh-id") + " " + h.get("x-mqtt-topic") + " qos=" + h.get("x-mqtt-qos")
                + " retained=" + h.get("x-mqtt-retained") + " " + call.body().replace(marker, "M") + " "
                + h.get("content-type").replace("; charset=UTF-8", "")
                + (h.containsKey("idempotency-key") ? "" : " NO-KEY")
                + (h.keySet().stream().anyMatch(n -> n.startsWith("camel")) ? " CAMEL-HEADERS" : "");
    }

    /** Each translation's webhook calls by "filter status=count", from the translation timer. */
    private static Map<String, String> counts(MeterRegistry registry) {
        Map<String, String> counts = new TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).timers()) {
            counts.merge(timer.getId().getTag("method"), timer.getId().getTag("status") + "=" + timer.count(),
                    (a, b) -> a + "," + b);
        }
        return counts;
    }

    @Test
    void aFailedCallIsRetriedWithBackOffThenDeadLetteredWithTheReasonWhileTheOthersFlow() throws Exception {
        String udl = app("""
                  - name: readings
                    expose: {system: broker, protocol: mqtt, topic: "%1$s/in/+", session: clean}
                    target: {system: hooks, path: "/in/{1}"}
                    deadLetter: rejected
                    retry: {attempts: 3, initial: 20ms, max: 100ms}
                """.formatted(base));
        try (MqttPeer dead = MqttPeer.local()) {
            dead.subscribe(base + "/rejected", 1);
            List<String> seen = bothWays(udl, app -> {
                dead.forget();
                String marker = UUID.randomUUID().toString();
                receiver.failFirst("flaky-" + marker, 2, 503).failFirst("poison-" + marker, Integer.MAX_VALUE, 500);
                peer.publish(base + "/in/a", "{\"id\": \"flaky-" + marker + "\"}", 1, false, "corr-flaky");
                peer.publish(base + "/in/b", "{\"id\": \"poison-" + marker + "\"}", 1, false, "corr-poison");
                peer.publish(base + "/in/c", "{oops " + marker, 1, false, "corr-oops");
                peer.publish(base + "/in/d", "{\"id\": \"after-" + marker + "\"}", 1, false, "corr-after");
                Awaitility.await("the last message posted").atMost(Duration.ofSeconds(30))
                        .until(() -> !receiver.callsWith("after-" + marker).isEmpty());
                Awaitility.await("two dead letters").atMost(Duration.ofSeconds(30))
                        .until(() -> dead.received().size() >= 2);
                List<String> out = new ArrayList<>();
                List<WebhookReceiver.Call> flaky = receiver.callsWith("flaky-" + marker);
                out.add("flaky " + flaky.stream().map(WebhookReceiver.Call::answered).toList() + " one key: "
                        + (flaky.stream().map(c -> c.headers().get("idempotency-key")).distinct().count() == 1));
                out.add("poison " + receiver.callsWith("poison-" + marker).stream()
                        .map(WebhookReceiver.Call::answered).toList());
                out.add("oops posted " + receiver.callsWith("oops").size());
                out.add("after " + receiver.callsWith("after-" + marker).stream().map(WebhookReceiver.Call::answered)
                        .toList());
                for (MqttPeer.Got got : dead.received()) {
                    Map<?, ?> record = StrictJson.read(got.payload(), Map.class);
                    out.add("dead " + record.get("correlationId") + " attempts=" + record.get("attempts") + " route="
                            + record.get("route") + " reason=" + reason(String.valueOf(record.get("reason")))
                            + " payload=" + String.valueOf(record.get("payload")).replace(marker, "M"));
                }
                return out;
            });
            assertThat(seen).containsExactly(
                    "flaky [503, 503, 204] one key: true",
                    "poison [500, 500, 500]",
                    "oops posted 0",
                    "after [204]",
                    "dead corr-poison attempts=3 route=translation-readings reason=HTTP 500 payload={\"id\":"
                            + " \"poison-M\"}",
                    "dead corr-oops attempts=1 route=translation-readings reason=no JSON payload={oops M");
        }
    }

    /** The reason's gist: the webhook's status, or that the payload is no JSON. */
    private static String reason(String reason) {
        if (reason.contains("statusCode: 500")) {
            return "HTTP 500";
        }
        return reason.toLowerCase(java.util.Locale.ROOT).contains("json") ? "no JSON" : reason;
    }
}
