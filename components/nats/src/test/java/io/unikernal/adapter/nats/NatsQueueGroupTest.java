package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.impl.NatsMessage;
import io.unikernal.testkit.probe.ProbeApps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two apps subscribe to one subject in one queue group: the server gives each message published one-way to one of
 * them, so together they see every message once, and each sees some.
 */
class NatsQueueGroupTest {

    @TempDir
    Path workDir;

    private static String app(String name, String subject, String group) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  orders: {adapter: nats, subject: " + subject + "}\n"
                + "  seen: {adapter: contract-probe}\n"
                + "routes:\n  - name: work\n    from: {system: orders, queueGroup: " + group + "}\n"
                + "    steps:\n      - to: seen\n";
    }

    @Test
    void twoMembersOfAQueueGroupShareTheMessagesEachOnce() throws Exception {
        String run = NatsTestServers.unique("qg");
        String subject = run + ".orders";
        try (Connection sender = NatsTestServers.connect(NatsTestServers.MACHINE);
                NatsApp first = NatsApp.start(run + "-a", app(run + "-a", subject, "workers-" + run), workDir);
                NatsApp second = NatsApp.start(run + "-b", app(run + "-b", subject, "workers-" + run), workDir)) {
            // requests until each member has answered one: both subscriptions are in the group now
            Awaitility.await("both members of the group subscribed").atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        sender.request(subject, "{\"id\": \"warm-up\"}".getBytes(StandardCharsets.UTF_8))
                                .get(5, TimeUnit.SECONDS);
                        return !first.recorded("seen").isEmpty() && !second.recorded("seen").isEmpty();
                    });
            List<String> sent = IntStream.rangeClosed(1, 40).mapToObj(i -> run + "-" + i).toList();
            for (String id : sent) {
                // one-way: no reply subject, nobody answers
                sender.publish(NatsMessage.builder().subject(subject)
                        .data(("{\"id\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8)).build());
            }
            Awaitility.await("every message at one member").atMost(Duration.ofSeconds(30))
                    .until(() -> ids(first, run).size() + ids(second, run).size() >= sent.size());
            List<String> all = new ArrayList<>(ids(first, run));
            all.addAll(ids(second, run));
            assertThat(all).as("each message once, at one member or the other")
                    .containsExactlyInAnyOrderElementsOf(sent);
            assertThat(ids(first, run)).as("the first member's share").isNotEmpty();
            assertThat(ids(second, run)).as("the second member's share").isNotEmpty();
        }
    }

    private static List<String> ids(NatsApp app, String prefix) {
        return ProbeApps.ids(app.name(), "seen").stream().filter(id -> id.startsWith(prefix + "-")).toList();
    }
}
