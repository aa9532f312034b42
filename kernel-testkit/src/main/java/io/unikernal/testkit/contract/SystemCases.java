package io.unikernal.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.SystemHealth;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.ContractCase;
import io.unikernal.spi.adapter.Role;
import io.unikernal.testkit.contract.ContractUdl.TargetRoute;
import io.unikernal.testkit.server.RestartableServer;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheck;
import org.awaitility.Awaitility;

/**
 * The cases of the system as a whole at start-up: declared wrong, the start fails in one line; down, the app starts,
 * health reports it, and it is used once its server appears. The system is used in the first role of target, source
 * and key store that declares what the cases need.
 */
final class SystemCases {

    /** Quick re-checks, so the case does not wait the default second (doubling to 30 s) after the server is up. */
    private static final Map<String, String> QUICK_RECHECKS = Map.of("unikernal.systems.retryInitial", "100ms",
            "unikernal.systems.retryMax", "500ms");

    private enum Use {
        TARGET, SOURCE, KEY_STORE
    }

    private final AdapterFixture fixture;
    private final Adapter adapter;
    private final Path workDir;

    SystemCases(AdapterFixture fixture, Adapter adapter, Path workDir) {
        this.fixture = fixture;
        this.adapter = adapter;
        this.workDir = workDir;
    }

    /** In process and from the emitted YAML: the start fails with the same one line, naming the system and cause. */
    void badEndpointFailsAtStart() throws Exception {
        Use use = use();
        String app = ContractUdl.appName("system-bad");
        try (MisconfiguredPeer peer = fixture.misconfigured(workDir)) {
            String udl = udl(use, app, peer);
            String line = startFailure("in process", () -> ContractApp.start(app, udl, workDir).close());
            assertThat(line).as("the failure in process")
                    .startsWith("system " + ContractUdl.SUT + " (" + adapter.name() + ") cannot start: ")
                    .contains(peer.cause()).doesNotContain("\n").doesNotContain("Exception");
            Path emitted = ContractApp.emit(app, udl, workDir);
            assertThat(startFailure("from the emitted YAML", () -> UdlRuntime.startEmitted(emitted, Map.of()).close()))
                    .as("the failure from the emitted YAML").isEqualTo(line);
        }
    }

    /**
     * The private server is stopped before each start: health says DOWN with a cause; once the server is started the
     * system is UP by itself and a message passes. Twice: in process, then from the emitted YAML.
     */
    void downAtStartRetried() throws Exception {
        Use use = use();
        String app = ContractUdl.appName("system-down");
        try (SystemPeer peer = privatePeer(use)) {
            RestartableServer server = peer.server().orElseThrow(() -> new AssertionError(
                    "the private peer of the " + use.name().toLowerCase() + " role must give its server()"));
            server.stop();
            try {
                runTwice(use, app, peer, server);
            } finally {
                server.start(); // the peer cleans up on its server when it closes
            }
        }
    }

    /** In process, then from the emitted YAML, each run starting with the server down. */
    private void runTwice(Use use, String app, SystemPeer peer, RestartableServer server) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(app + ".udl.yaml", udl(use, app, peer),
                ContractApp.adapters(), QUICK_RECHECKS, workDir, running -> {
                    CamelContext context = running.context();
                    List<Object> seen = new ArrayList<>();
                    HealthCheck.Result down = awaitHealth(context, HealthCheck.State.DOWN);
                    seen.add(down.getState());
                    assertThat(down.getMessage()).as("the cause health gives").hasValueSatisfying(
                            cause -> assertThat(cause).isNotBlank().doesNotContain("\n\tat "));
                    server.start();
                    try {
                        seen.add(awaitHealth(context, HealthCheck.State.UP).getState());
                        peer.started(context);
                        ContractMessage message = ContractMessage.one(app + "-run" + runs.incrementAndGet());
                        pass(use, app, context, peer, message);
                        seen.add("passed");
                    } finally {
                        server.stop();
                    }
                    return seen;
                });
        assertThat(outcomes.inProcess()).as("in process")
                .containsExactly(HealthCheck.State.DOWN, HealthCheck.State.UP, "passed");
        assertThat(outcomes.emitted()).as("from the emitted YAML").isEqualTo(outcomes.inProcess());
    }

    /** The first role that declares what the start-up cases need: target, source, then key store. */
    private Use use() {
        Set<Capability> needs = ContractCase.DOWN_AT_START_RETRIED.needs();
        if (declares(adapter.target(), needs)) {
            return Use.TARGET;
        }
        if (declares(adapter.source(), needs)) {
            return Use.SOURCE;
        }
        if (adapter.keyStore().map(r -> r.capabilities().containsAll(needs)).orElse(false)) {
            return Use.KEY_STORE;
        }
        throw new IllegalStateException("no role of '" + adapter.name() + "' declares " + needs);
    }

    private static boolean declares(Optional<? extends Role> role, Set<Capability> needs) {
        return role.map(r -> r.capabilities().containsAll(needs)).orElse(false);
    }

    private SystemPeer privatePeer(Use use) throws Exception {
        return switch (use) {
            case TARGET -> fixture.privateTargetPeer(workDir);
            case SOURCE -> fixture.privateSourcePeer(workDir);
            case KEY_STORE -> fixture.privateKeyStore(workDir);
        };
    }

    private static String udl(Use use, String app, SystemPeer peer) {
        return switch (use) {
            case TARGET -> ContractUdl.target(app, peer, TargetRoute.PLAIN);
            case SOURCE -> ContractUdl.source(app, peer);
            case KEY_STORE -> ContractUdl.keyStore(app, peer);
        };
    }

    /** One message through the app: the target's peer receives it, or the route's probe {@code seen} does. */
    private static void pass(Use use, String app, CamelContext context, SystemPeer peer, ContractMessage message)
            throws Exception {
        if (use == Use.SOURCE) {
            ((SourcePeer) peer).send(context, message);
        } else {
            try (ProducerTemplate producer = context.createProducerTemplate()) {
                ContractApp.feed(producer, app, message, Map.of());
            }
        }
        if (use == Use.TARGET) {
            Deliveries.awaitAll("the message at the peer", ((TargetPeer) peer)::received, List.of(message));
        } else {
            Deliveries.awaitAll("the message through the route", () -> ContractApp.seen(app, ContractUdl.SEEN),
                    List.of(message));
        }
    }

    private static HealthCheck.Result awaitHealth(CamelContext context, HealthCheck.State wanted) {
        SystemHealth health = context.getRegistry().lookupByNameAndType(SystemHealth.BEAN, SystemHealth.class);
        assertThat(health).as("the app's system health (is a probe contributed?)").isNotNull();
        HealthCheck check = health.stream().filter(c -> c.getId().equals("system:" + ContractUdl.SUT)).findFirst()
                .orElseThrow(() -> new AssertionError("no health check system:" + ContractUdl.SUT));
        return Awaitility.await("system " + ContractUdl.SUT + " " + wanted).atMost(Deliveries.PATIENCE)
                .pollInterval(Duration.ofMillis(50)).until(check::call, result -> result.getState() == wanted);
    }

    @FunctionalInterface
    private interface Start {
        void run() throws Exception;
    }

    /** The one line of the {@code SystemStartException} behind a start's failure. */
    private static String startFailure(String how, Start start) {
        Throwable failure = catchThrowable(start::run);
        assertThat(failure).as("the start " + how + " of a misconfigured system must fail").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.unikernal.runtime.health.SystemStartException cannotStart) {
                return cannotStart.getMessage();
            }
        }
        throw new AssertionError("the start " + how + " failed, but not with the kernel's one line", failure);
    }
}
