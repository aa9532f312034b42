package io.unikernal.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;

/**
 * The open/close cases' two runs of one app: in process, then from the emitted YAML on plain Camel Main. Each time
 * the route starts, one message passes, and the app stops; the second run's start proves the first let go of its
 * port, folder or queue.
 */
final class OpenClose {

    /** What one run does while the app is up: pass one message; {@code run} is 1, then 2. */
    @FunctionalInterface
    interface OneMessage {
        void pass(CamelContext app, int run) throws Exception;
    }

    private OpenClose() {
    }

    static void run(String app, String udl, Path workDir, OneMessage oneMessage) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<CamelContext> contexts = new ArrayList<>();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(app + ".udl.yaml", udl, ContractApp.adapters(),
                Map.of(), workDir, running -> {
                    CamelContext context = running.context();
                    contexts.add(context);
                    oneMessage.pass(context, runs.incrementAndGet());
                    return List.of(context.getRouteController().getRouteStatus(ContractUdl.ROUTE).isStarted());
                });
        assertThat(outcomes.inProcess()).as("in process: the route was started").containsExactly(true);
        assertThat(outcomes.emitted()).as("from the emitted YAML").isEqualTo(outcomes.inProcess());
        assertThat(contexts).as("the app of each run").hasSize(2)
                .allSatisfy(context -> assertThat(context.isStopped()).as("stopped after its run").isTrue());
    }
}
