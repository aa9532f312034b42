package io.unikernal.adapter.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.serial.component.SerialConsumer;
import io.unikernal.runtime.health.SystemHealth;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheck;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes over serial lines made of pseudo-terminal pairs (socat), each test with pairs of its own, in process and from
 * the emitted YAML on plain Camel Main: frames in through a route and out to the peer's end, an oversize line dropped
 * with a log line while the next is read, a line that is not JSON dead-lettered with the reason, and a device that
 * goes away while the app runs (socat killed): health reports it DOWN, a message meanwhile is retried by the route and
 * written once the device is back, and reading resumes.
 */
class SerialRouteTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Map<String, String> QUICK_RECHECKS = Map.of("unikernal.systems.retryInitial", "100ms",
            "unikernal.systems.retryMax", "300ms");

    /** The installed adapters and the test's probe systems (feed, seen, parked). */
    private static final Adapters ADAPTERS = ProbeApps.with(Adapters.installed().all().values()
            .toArray(Adapter[]::new));

    @TempDir
    Path tmp;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void framesPassOversizeLinesAreDroppedAndMalformedOnesDeadLetteredInProcessAndFromTheYaml() throws Exception {
        String app = "serial-route-" + id;
        try (PtyPeer in = new PtyPeer(", maxFrameSize: 200"); PtyPeer out = new PtyPeer(", baudRate: 115200,"
                + " parity: even, stopBits: 2, dataBits: 7, flowControl: none");
                LogLines log = new LogLines(SerialConsumer.class)) {
            String udl = relay(app, in, out, "{seen: \"true\"}");
            TwoWayRun.Outcomes<List<Object>> outcomes = twoWays(app, udl, Map.of(), (run, running) -> {
                in.write("{\"id\": \"first-" + run + "\", \"n\": 1}\r\n");
                in.write("{\"id\": \"big-" + run + "\", \"pad\": \"" + "x".repeat(300) + "\"}\n");
                in.write("{\"id\": \"after-big-" + run + "\", \"n\": 2}\n");
                in.write("{\"id\": \"malformed-" + run + "\n");
                in.write("{\"id\": \"last-" + run + "\", \"note\": \"ünïcödé ✓\"}\n");
                Awaitility.await("the frames of run " + run).atMost(PATIENCE)
                        .until(() -> out.lines().size() == 3 * run
                                && Probes.recorded(app, "parked").size() == run);
                List<Object> seen = new ArrayList<>(out.lines().subList(3 * (run - 1), 3 * run));
                Map<?, ?> parked = (Map<?, ?>) Probes.recorded(app, "parked").get(run - 1).body();
                seen.add(parked.get("reason"));
                seen.add(parked.get("payload"));
                return seen;
            });
            for (int run = 1; run <= 2; run++) {
                List<Object> seen = run == 1 ? outcomes.inProcess() : outcomes.emitted();
                assertThat(seen).as("run " + run).containsExactly(
                        "{\"id\":\"first-" + run + "\",\"n\":1,\"seen\":true}",
                        "{\"id\":\"after-big-" + run + "\",\"n\":2,\"seen\":true}",
                        "{\"id\":\"last-" + run + "\",\"note\":\"ünïcödé ✓\",\"seen\":true}",
                        outcomes.inProcess().get(3), "{\"id\": \"malformed-" + run);
            }
            assertThat(String.valueOf(outcomes.inProcess().get(3))).as("the dead letter's reason").contains("JSON");
            assertThat(log.lines()).filteredOn(line -> line.contains("dropped a frame")).hasSize(2)
                    .allMatch(line -> line.startsWith("WARN serial port " + in.pair().a() + ": dropped a frame of"
                            + " 326 bytes, longer than maxFrameSize 200"));
        }
    }

    @Test
    void aDeviceThatGoesAwayIsDownItsMessagesRetriedAndReadingResumesInProcessAndFromTheYaml() throws Exception {
        String app = "serial-gone-" + id;
        try (PtyPeer line = new PtyPeer()) {
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      feed: {adapter: contract-probe}
                      modem: %s
                      seen: {adapter: contract-probe}
                      parked: {adapter: contract-probe}
                    routes:
                      - name: send
                        from: feed
                        policy: {retry: {attempts: 100, initial: 100ms, max: 500ms}}
                        steps:
                          - to: modem
                        deadLetter: parked
                      - name: receive
                        from: modem
                        steps:
                          - to: seen
                    """.formatted(app, line.system());
            TwoWayRun.Outcomes<List<Object>> outcomes = twoWays(app, udl, QUICK_RECHECKS, (run, running) -> {
                CamelContext context = running.context();
                List<Object> seen = new ArrayList<>();
                seen.add(health(context, HealthCheck.State.UP).getState());
                line.server().orElseThrow().stop();
                HealthCheck.Result down = health(context, HealthCheck.State.DOWN);
                seen.add(down.getState());
                seen.add(down.getMessage().orElse(""));
                try (ProducerTemplate producer = context.createProducerTemplate()) {
                    producer.sendBody(Probes.feedUri(app, "feed"), Map.of("id", "while-gone-" + run));
                }
                line.server().orElseThrow().start();
                seen.add(health(context, HealthCheck.State.UP).getState());
                Awaitility.await("the message sent while the device was gone").atMost(PATIENCE)
                        .until(() -> line.lines().contains("{\"id\":\"while-gone-" + run + "\"}"));
                line.write("{\"id\": \"back-" + run + "\"}\n");
                Awaitility.await("a frame read after the device came back").atMost(PATIENCE)
                        .until(() -> Probes.recorded(app, "seen").size() == 1);
                seen.add(Probes.recorded(app, "seen").get(0).body());
                seen.add(Probes.recorded(app, "parked").size());
                Probes.forget(app);
                return seen;
            });
            String path = line.pair().a().toString();
            assertThat(outcomes.inProcess()).containsExactly(HealthCheck.State.UP, HealthCheck.State.DOWN,
                    "serial port " + path + " is gone (the device was removed)", HealthCheck.State.UP,
                    Map.of("id", "back-1"), 0);
            assertThat(outcomes.emitted()).containsExactly(HealthCheck.State.UP, HealthCheck.State.DOWN,
                    "serial port " + path + " is gone (the device was removed)", HealthCheck.State.UP,
                    Map.of("id", "back-2"), 0);
        }
    }

    @Test
    void fixedFramesAreReadByLengthAndWrittenPaddedAndOneTooLongIsDeadLetteredInProcessAndFromTheYaml()
            throws Exception {
        String app = "serial-fixed-" + id;
        try (PtyPeer in = new PtyPeer(", framing: fixed, frameLength: 24");
                PtyPeer out = new PtyPeer(", framing: fixed, frameLength: 32")) {
            String udl = relay(app, in, out, "{tag: \"id + id\"}");
            TwoWayRun.Outcomes<List<Object>> outcomes = twoWays(app, udl, Map.of(), (run, running) -> {
                // two frames of 24 bytes in one write; with its tag, the second is too long for the panel's 32
                String fits = pad("{\"id\": \"f-" + run + "\"}", 24);
                String tooLong = pad("{\"id\": \"long-" + run + "\"}", 24);
                in.write(fits + tooLong);
                Awaitility.await("the frames of run " + run).atMost(PATIENCE)
                        .until(() -> out.text().length() == 32 * run
                                && Probes.recorded(app, "parked").size() == run);
                List<Object> seen = new ArrayList<>();
                seen.add(out.text().substring(32 * (run - 1)));
                seen.add(((Map<?, ?>) Probes.recorded(app, "parked").get(run - 1).body()).get("reason"));
                return seen;
            });
            assertThat(outcomes.inProcess()).containsExactly(pad("{\"id\":\"f-1\",\"tag\":\"f-1f-1\"}", 32),
                    "a message of 36 bytes"
                    + " does not fit a fixed frame of 32 bytes on serial port " + out.pair().a());
            assertThat(outcomes.emitted()).containsExactly(pad("{\"id\":\"f-2\",\"tag\":\"f-2f-2\"}", 32),
                    "a message of 36 bytes"
                    + " does not fit a fixed frame of 32 bytes on serial port " + out.pair().a());
        }
    }

    @Test
    void lengthPrefixedFramesPassWithTheirLengthInProcessAndFromTheYaml() throws Exception {
        String app = "serial-prefixed-" + id;
        try (PtyPeer in = new PtyPeer(", framing: length-prefixed, lengthFieldBytes: 2");
                PtyPeer out = new PtyPeer(", framing: length-prefixed, lengthFieldBytes: 1")) {
            String udl = relay(app, in, out, null);
            TwoWayRun.Outcomes<String> outcomes = twoWays(app, udl, Map.of(), (run, running) -> {
                // a newline inside a frame is only data: the length says where it ends
                byte[] json = ("{\"id\": \"p-" + run + "\",\n \"n\": 1}").getBytes(StandardCharsets.UTF_8);
                byte[] frame = new byte[2 + json.length];
                frame[1] = (byte) json.length;
                System.arraycopy(json, 0, frame, 2, json.length);
                int before = out.text().length();
                in.write(frame);
                String expected = "{\"id\":\"p-" + run + "\",\"n\":1}";
                Awaitility.await("the frame of run " + run).atMost(PATIENCE)
                        .until(() -> out.text().length() == before + 1 + expected.length());
                return out.text().substring(before);
            });
            assertThat(outcomes.inProcess()).isEqualTo((char) 18 + "{\"id\":\"p-1\",\"n\":1}");
            assertThat(outcomes.emitted()).isEqualTo((char) 18 + "{\"id\":\"p-2\",\"n\":1}");
        }
    }

    /**
     * An app whose route relays the frames of {@code in}'s line (system {@code meter}) to {@code out}'s
     * ({@code panel}), setting {@code transform}'s fields first (none when null); a failure goes to the probe {@code parked}.
     */
    private static String relay(String app, PtyPeer in, PtyPeer out, String transform) {
        return "udl: 8\nname: " + app + "\nsystems:\n  meter: " + in.system() + "\n  panel: " + out.system()
                + "\n  parked: {adapter: contract-probe}\nroutes:\n  - name: relay\n    from: meter\n    steps:\n"
                + (transform == null ? "" : "      - transform: {set: " + transform + "}\n")
                + "      - to: panel\n    deadLetter: parked\n";
    }

    /** One scenario of a test, given the run's number (1 in process, 2 from the emitted YAML) and the running app. */
    @FunctionalInterface
    private interface Scenario<T> {
        T run(int run, UdlRuntime app) throws Exception;
    }

    private <T> TwoWayRun.Outcomes<T> twoWays(String app, String udl, Map<String, String> overrides,
            Scenario<T> scenario) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        return TwoWayRun.run(app + ".udl.yaml", udl, ADAPTERS, overrides, tmp,
                running -> scenario.run(runs.incrementAndGet(), running));
    }

    private static String pad(String text, int length) {
        return text + " ".repeat(length - text.length());
    }

    private static HealthCheck.Result health(CamelContext context, HealthCheck.State wanted) {
        SystemHealth health = context.getRegistry().lookupByNameAndType(SystemHealth.BEAN, SystemHealth.class);
        HealthCheck check = health.stream().filter(c -> c.getId().equals("system:modem")).findFirst().orElseThrow();
        return Awaitility.await("system modem " + wanted).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(check::call, result -> result.getState() == wanted);
    }
}
