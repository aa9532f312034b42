package io.unikernal.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/** Waiting for messages to arrive and checking that each arrived exactly once. */
final class Deliveries {

    /**
     * How long a case waits for what it expects: ample for a server restart on a loaded machine. A bound against
     * hangs, not a performance assertion: a passing case never waits for it.
     */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    private Deliveries() {
    }

    static Set<String> ids(List<ContractMessage> messages) {
        return messages.stream().map(ContractMessage::id).collect(Collectors.toSet());
    }

    /** The ids of the received messages that belong to the case whose ids start with {@code prefix}, in order. */
    static List<String> idsOf(List<Received> received, String prefix) {
        return received.stream().map(Received::id).filter(Objects::nonNull).filter(id -> id.startsWith(prefix))
                .toList();
    }

    /** Waits until every message of {@code sent} is among what {@code received} returns. */
    static void awaitAll(String what, Callable<List<Received>> received, List<ContractMessage> sent) {
        Set<String> want = ids(sent);
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> received.call().stream().map(Received::id).collect(Collectors.toSet())
                        .containsAll(want));
    }

    /** Each message of {@code sent} was received exactly once, and nothing else of this case. */
    static void assertEachOnce(List<Received> received, List<ContractMessage> sent, String prefix) {
        assertThat(idsOf(received, prefix)).as("every message exactly once")
                .containsExactlyInAnyOrderElementsOf(ids(sent));
    }

    /** The one received message with this id. */
    static Received only(List<Received> received, String id) {
        List<Received> matching = received.stream().filter(r -> id.equals(r.id())).toList();
        assertThat(matching).as("messages received with id " + id).hasSize(1);
        return matching.get(0);
    }

    /**
     * Waits until the app has no message in flight: a message a peer recorded may still be on its way back (an HTTP
     * answer, an ack), and stopping a server before that would make a duplicate the case did not mean to cause.
     */
    static void awaitIdle(String what, org.apache.camel.CamelContext app) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> app.getInflightRepository().size() == 0);
    }
}
