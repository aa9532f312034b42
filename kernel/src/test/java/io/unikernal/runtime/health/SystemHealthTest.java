package io.unikernal.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's side of systems that are down or misconfigured at start, with a probe the test switches (no server):
 * a permanent failure stops the start with one line per system, a transient one lets the app start with the route
 * that consumes from the system held until it is up, and health follows the probe by itself. In process and from
 * the emitted YAML on plain Camel Main.
 */
class SystemHealthTest {

    private static final Map<String, String> QUICK_RETRY = Map.of("unikernal.systems.retryInitial", "50ms",
            "unikernal.systems.retryMax", "200ms");
    private static final String UDL = """
            udl: 8
            name: switched
            systems:
              feed: {adapter: switched}
              sink: {adapter: switched}
            routes:
              - name: take
                from: feed
                steps:
                  - to: sink
            """;

    /** One way of starting the app. */
    @FunctionalInterface
    private interface Way {
        UdlRuntime start() throws Exception;
    }

    @TempDir
    Path tmp;

    @AfterEach
    void clearAnswers() {
        SwitchedProbe.ANSWERS.clear();
    }

    private CompiledApp compile() {
        Adapters adapters = Adapters.of(new SwitchedAdapter());
        return new UdlCompiler(adapters).compile(new UdlParser(adapters).parse("switched.udl.yaml", UDL).orThrow(),
                tmp, CompileOptions.DEFAULT);
    }

    /** Both ways: in process from the model, then plain Camel Main from the emitted folder. */
    private List<Way> bothWays() {
        CompiledApp app = compile();
        Path dir = tmp.resolve("emitted");
        YamlEmitter.write(app, dir);
        return List.of(() -> UdlRuntime.start(app, QUICK_RETRY), () -> UdlRuntime.startEmitted(dir, QUICK_RETRY));
    }

    @Test
    void aPermanentFailureStopsTheStartWithOneLinePerSystem() throws Exception {
        SwitchedProbe.ANSWERS.put("feed", ProbeResult.misconfigured("access denied for user \"x\"", "check the user"));
        SwitchedProbe.ANSWERS.put("sink", ProbeResult.misconfigured("no such queue", "check the name"));
        for (Way way : bothWays()) {
            assertThatThrownBy(() -> way.start().close()).satisfies(e -> assertThat(startFailure(e)).isNotNull()
                    .extracting(Throwable::getMessage).isEqualTo(
                            "system feed (switched) cannot start: access denied for user \"x\" — check the user\n"
                                    + "system sink (switched) cannot start: no such queue — check the name"));
        }
    }

    @Test
    void aSourceDownAtStartHoldsItsRouteUntilItIsUpAndHealthFollowsByItself() throws Exception {
        for (Way way : bothWays()) {
            SwitchedProbe.ANSWERS.clear();
            SwitchedProbe.ANSWERS.put("feed", ProbeResult.unavailable("connection refused"));
            try (UdlRuntime app = way.start()) {
                CamelContext context = app.context();
                List<Object> seen = new ArrayList<>();
                seen.add(context.getRouteController().getRouteStatus("take"));
                seen.add(check(context, "feed").getState());
                seen.add(check(context, "feed").getMessage().orElse(null));
                seen.add(check(context, "sink").getState());
                context.createProducerTemplate().sendBody("seda:feed", "{\"n\": 1}"); // waits in the queue
                SwitchedProbe.ANSWERS.remove("feed");
                Awaitility.await("feed is up").atMost(1, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(20))
                        .until(() -> check(context, "feed").getState() == HealthCheck.State.UP);
                seen.add(context.createConsumerTemplate().receiveBody("seda:sink", 60_000, String.class));
                // the held route's consumer takes messages a moment before its status reads Started
                Awaitility.await("route take started").atMost(1, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(20))
                        .until(() -> context.getRouteController().getRouteStatus("take") != ServiceStatus.Starting);
                seen.add(context.getRouteController().getRouteStatus("take"));
                SwitchedProbe.ANSWERS.put("sink", ProbeResult.unavailable("gone away"));
                Awaitility.await("sink is down").atMost(1, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(20))
                        .until(() -> check(context, "sink").getState() == HealthCheck.State.DOWN);
                seen.add(check(context, "sink").getMessage().orElse(null));
                assertThat(seen).containsExactly(ServiceStatus.Stopped, HealthCheck.State.DOWN, "connection refused",
                        HealthCheck.State.UP, "{\"n\": 1}", ServiceStatus.Started, "gone away");
            }
        }
    }

    @Test
    void theBackOffDoublesFromItsStartToItsEnd() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        List<Duration> waits = new ArrayList<>();
        for (int failures = 0; failures <= 7; failures++) {
            waits.add(backoff.after(failures));
        }
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(30L, 1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(backoff.describe()).isEqualTo("after 1 s, doubling to 30 s");
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)).describe())
                .isEqualTo("after 100 ms, doubling to 500 ms");
    }

    private static HealthCheck.Result check(CamelContext context, String system) {
        SystemHealth health = context.getRegistry().lookupByNameAndType(SystemHealth.BEAN, SystemHealth.class);
        return health.getCheck("system:" + system).orElseThrow().call();
    }

    private static SystemStartException startFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SystemStartException start) {
                return start;
            }
        }
        return null;
    }
}
