package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.SystemHealth;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.server.PrivateRabbitMq;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.health.HealthCheck;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rabbitmq system at start, beyond the contract suite's start-up cases (a wrong password there; a target down at
 * start): an unknown host fails the app's start with one line naming the system and the cause (in process and from
 * the emitted YAML on plain Camel Main); a broker that is down when an app consuming from it starts is reported DOWN
 * with the cause, the consuming route is held back until the broker is up, and then takes messages.
 */
class RabbitMqStartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    private String app(String system) {
        return """
                udl: 8
                name: rmq-start
                systems:
                  broker: %s
                routes:
                  - name: take
                    from: {system: broker, queue: s-in-%s}
                    steps:
                      - to: {system: broker, exchange: default, queue: s-out-%s}
                """.formatted(system, id, id);
    }

    @Test
    void anUnknownHostFailsTheStartWithOneLineNamingTheSystem() throws Exception {
        assertCannotStart(app("{adapter: rabbitmq, host: uk-no-such-host.invalid}"),
                "system broker (rabbitmq) cannot start: unknown host uk-no-such-host.invalid — check the host name");
    }

    private void assertCannotStart(String udl, String line) throws Exception {
        Adapters adapters = Adapters.installed();
        var compiled = new UdlCompiler(adapters).compile(new UdlParser(adapters).parse("rmq-start.udl.yaml", udl)
                .orThrow(), tmp, CompileOptions.DEFAULT);
        Path emitted = tmp.resolve("emitted-" + UUID.randomUUID());
        YamlEmitter.write(compiled, emitted);
        assertThatThrownBy(() -> UdlRuntime.start(compiled, Map.of()).close())
                .satisfies(e -> assertThat(startFailure(e)).as("the cause of %s", e).isNotNull()
                        .extracting(Throwable::getMessage).isEqualTo(line));
        assertThatThrownBy(() -> UdlRuntime.startEmitted(emitted, Map.of()).close())
                .satisfies(e -> assertThat(startFailure(e)).as("the cause of %s", e).isNotNull()
                        .extracting(Throwable::getMessage).isEqualTo(line));
    }

    private static SystemStartException startFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SystemStartException start) {
                return start;
            }
        }
        return null;
    }

    @Test
    void aBrokerDownAtStartIsReportedDownAndItsRouteStartsOnceItIsUp() throws Exception {
        try (PrivateRabbitMq node = PrivateRabbitMq.create();
                UdlRuntime app = Apps.start("rmq-start", app(RabbitMqFixture.system(node.port())), tmp,
                        Map.of("unikernal.systems.retryInitial", "100ms", "unikernal.systems.retryMax", "500ms"))) {
            HealthCheck.Result down = health(app);
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).contains("cannot connect to RabbitMQ at 127.0.0.1:" + node.port()
                    + " (Connection refused)");
            assertThat(app.context().getRouteController().getRouteStatus("take").isStarted())
                    .as("the route on a broker that is down").isFalse();

            node.start();
            Awaitility.await("the broker UP and its route started").atMost(PATIENCE).until(() ->
                    health(app).getState() == HealthCheck.State.UP
                            && app.context().getRouteController().getRouteStatus("take").isStarted());
            try (Broker broker = new Broker(node.port())) {
                broker.queue("s-in-" + id).queue("s-out-" + id);
                List<Received> out = broker.consume("s-out-" + id);
                broker.publish("", "s-in-" + id, "{\"id\": \"late\"}", "corr-late", Map.of());
                Awaitility.await("the message through the route").atMost(PATIENCE).until(() -> !out.isEmpty());
                assertThat(out.get(0).body()).isEqualTo(Map.of("id", "late"));
                assertThat(out.get(0).correlationId()).isEqualTo("corr-late");
            }
        }
    }

    private static HealthCheck.Result health(UdlRuntime app) {
        SystemHealth health = app.context().getRegistry().lookupByNameAndType(SystemHealth.BEAN, SystemHealth.class);
        return health.stream().filter(check -> check.getId().equals("system:broker")).findFirst().orElseThrow()
                .call();
    }
}
