package io.unikernal.translate.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * HTTP POST to MQTT publish end to end: the JDK's HTTP client calls the translation, a Paho subscriber on the
 * machine's Mosquitto receives what was published; each scenario in process and from the emitted Camel YAML. Topics
 * are unique per run.
 */
class RestToMqttTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path workDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String base = "ut-rest-" + run;
    private final int port = FreePort.loopback();
    private MqttPeer subscriber;

    @BeforeEach
    void subscribe() throws Exception {
        subscriber = MqttPeer.local();
        subscriber.subscribe(base + "/#", 2);
    }

    @AfterEach
    void close() throws Exception {
        subscriber.close();
    }

    private String app(String brokerPort) {
        return """
                udl: 8
                name: rest-mqtt-%s
                systems:
                  api: {adapter: http, port: %d}
                  broker: {adapter: mqtt, host: 127.0.0.1, port: %4$s}
                  legacy: {adapter: mqtt3, host: 127.0.0.1, port: %4$s}
                translations:
                  - name: devices
                    expose: {system: api, protocol: rest, path: /devices}
                    target: {system: broker, topic: "%3$s/devices/{path}"}
                  - name: commands
                    expose: {system: api, protocol: rest, path: /commands}
                    target: {system: broker, topic: "%3$s/cmd/{1}/set", qos: 2, retain: true}
                  - name: raw
                    expose: {system: api, protocol: rest, path: /raw}
                    target: {system: broker}
                  - name: v3
                    expose: {system: api, protocol: rest, path: /v3}
                    target: {system: legacy, topic: "%3$s/v3/{path}"}
                """.formatted(run, port, base, brokerPort);
    }

    private <T> T bothWays(String udl, TwoWayRun.Scenario<T> scenario) throws Exception {
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run("rest-mqtt-" + run + ".udl.yaml", udl, Map.of(), workDir,
                scenario);
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    private HttpResponse<String> send(String verb, String path, String contentType, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request line no URI class would build (a malformed escape), over a plain socket: its status line. */
    private String raw(String path) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                    + " application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            return reply.lines().findFirst().orElse("") + (reply.contains("Exception") ? " Exception" : "");
        }
    }

    private static String answer(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body();
    }

    @Test
    void aPostIsPublishedAsSentToTheTopicOfItsPathOnceTheBrokerAcknowledgedIt() throws Exception {
        List<String> seen = bothWays(app("1883"), app -> {
            subscriber.forget();
            List<String> out = new ArrayList<>();
            String body = "{\"on\": true,   \"level\": 1.50, \"name\": \"Läm p\"}";
            out.add(answer(send("POST", "/devices/kitchen/lamp", "application/json", body,
                    "X-Correlation-Id", "corr-lamp-1", "Authorization", "Bearer secret")));
            out.add(answer(send("POST", "/devices/living%20room/tv?x=1", "application/json", "[1, 2]")));
            out.add(answer(send("POST", "/commands/heater", "application/json; charset=utf-8", "{\"c\": 21}")));
            out.add(answer(send("POST", "/raw/" + base + "/plain", "application/json", "{}")).replace(base, "B"));
            out.add(answer(send("POST", "/v3/meter", "application/json", "{\"v\":  3}")).replace(base, "B"));
            Awaitility.await("five messages at the subscriber").atMost(Duration.ofSeconds(20))
                    .until(() -> subscriber.received().size() >= 5);
            for (MqttPeer.Got got : subscriber.received()) {
                out.add(got.topic().replace(base, "B") + " qos=" + got.qos() + " " + got.payload() + " corr="
                        + (got.correlation() == null ? null : got.correlation().startsWith("corr-")
                                ? got.correlation() : "fresh") + " " + got.contentType());
            }
            // a late subscriber gets the retained command, with the retained flag
            try (MqttPeer late = MqttPeer.local()) {
                late.subscribe(base + "/cmd/#", 1);
                Awaitility.await("the retained command").atMost(Duration.ofSeconds(20))
                        .until(() -> !late.received().isEmpty());
                out.add("late " + late.received().get(0).topic().replace(base, "B") + " retained="
                        + late.received().get(0).retained());
            }
            out.add(String.valueOf(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class))));
            return out;
        });
        subscriber.clearRetained(base + "/cmd/heater/set");
        assertThat(seen).containsExactly(
                "202 {\"topic\":\"" + base + "/devices/kitchen/lamp\",\"qos\":1,\"retained\":false}",
                "202 {\"topic\":\"" + base + "/devices/living room/tv\",\"qos\":1,\"retained\":false}",
                "202 {\"topic\":\"" + base + "/cmd/heater/set\",\"qos\":2,\"retained\":true}",
                "202 {\"topic\":\"B/plain\",\"qos\":1,\"retained\":false}",
                "202 {\"topic\":\"B/v3/meter\",\"qos\":1,\"retained\":false}",
                "B/devices/kitchen/lamp qos=1 {\"on\": true,   \"level\": 1.50, \"name\": \"Läm p\"} corr=corr-lamp-1"
                        + " application/json",
                "B/devices/living room/tv qos=1 [1, 2] corr=fresh application/json",
                "B/cmd/heater/set qos=2 {\"c\": 21} corr=fresh application/json",
                "B/plain qos=1 {} corr=fresh application/json",
                "B/v3/meter qos=1 {\"v\":  3} corr=null null",
                "late B/cmd/heater/set retained=true",
                "{translation-commands " + base + "/cmd/{1}/set=202=1, translation-devices " + base
                        + "/devices/{path}=202=2, translation-raw {path}=202=1, translation-v3 " + base + "/v3/{path}=202=1}");
    }

    /** The translations' calls by "route template status=count", from the translation timer. */
    private static Map<String, String> counts(MeterRegistry registry) {
        Map<String, String> counts = new TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).timers()) {
            counts.merge(timer.getId().getTag("translation") + " " + timer.getId().getTag("method"),
                    timer.getId().getTag("status") + "=" + timer.count(), (a, b) -> a + "," + b);
        }
        return counts;
    }

    @Test
    void aPathThatCannotBeATopicAndABodyThatIsNoJsonAreRefusedAndNothingIsPublished() throws Exception {
        List<String> seen = bothWays(app("1883"), app -> {
            subscriber.forget();
            List<String> out = new ArrayList<>();
            for (String path : List.of("/devices/a//b", "/devices/a/", "/devices/a%2Fb", "/devices/%2B", "/devices/a+b",
                    "/devices/%23", "/devices/a%00b", "/devices/%C3", "/devices", "/devices/",
                    "/commands/a/b", "/raw/%24SYS/x")) {
                HttpResponse<String> response = send("POST", path, "application/json", "{\"x\": 1}");
                Map<?, ?> body = StrictJson.read(response.body(), Map.class);
                out.add(path + " " + response.statusCode() + " " + body.get("error") + " " + body.get("details")
                        + (body.get("correlationId") == null ? " NO-ID" : ""));
            }
            out.add("raw /devices/%zz " + raw("/devices/%zz"));
            out.add("text " + send("POST", "/devices/a", "text/plain", "hello").statusCode());
            out.add("malformed " + send("POST", "/devices/a", "application/json", "{\"x\": ").statusCode());
            out.add("get " + send("GET", "/devices/a", null, null).statusCode());
            // the last request is published, so everything before it had its chance to be (and was not)
            out.add(answer(send("POST", "/devices/last", "application/json", "{}")));
            Awaitility.await("the last message").atMost(Duration.ofSeconds(20))
                    .until(() -> !subscriber.received().isEmpty());
            out.add("published " + subscriber.received().stream().map(g -> g.topic().replace(base, "B")).toList());
            return out;
        });
        assertThat(seen).allSatisfy(line -> assertThat(line).doesNotContain("Exception").doesNotContain("NO-ID"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/a//b 400 the path cannot be a topic")
                .contains("empty segment"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/a/ 400").contains("empty segment"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/a%2Fb 400").contains("split"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/%2B 400").contains("wildcard"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/a+b 400").contains("wildcard"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/%23 400").contains("wildcard"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/a%00b 400").contains("NUL"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("raw /devices/%zz HTTP/1.1 400"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/%C3 400").contains("UTF-8"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices 400").contains("names no topic level"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/devices/ 400").contains("names no topic level"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/commands/a/b 404").contains("1 path segment"));
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("/raw/%24SYS/x 400").contains("'$'"));
        assertThat(seen).contains("text 415", "malformed 400", "get 405",
                "202 {\"topic\":\"" + base + "/devices/last\",\"qos\":1,\"retained\":false}",
                "published [B/devices/last]");
    }

    @Test
    void aBrokerThatCannotBeReachedIs503NeverASilentDrop() throws Exception {
        int nobody = FreePort.loopback();
        List<String> seen = bothWays(app(String.valueOf(nobody)), app -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = send("POST", "/devices/a", "application/json", "{\"n\": " + i + "}",
                        "X-Correlation-Id", "corr-down-" + i);
                Map<?, ?> body = StrictJson.read(response.body(), Map.class);
                out.add(response.statusCode() + " " + body.get("error") + " " + body.get("correlationId") + " "
                        + response.headers().firstValue("X-Correlation-Id").orElse("none"));
            }
            return out;
        });
        assertThat(seen).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("503 the MQTT broker could not be"
                + " reached").doesNotContain("Exception").doesNotContain(String.valueOf(nobody)));
        assertThat(seen.get(1)).endsWith("corr-down-1 corr-down-1");
    }
}
