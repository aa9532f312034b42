package io.unikernal.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.idempotency.ProcessedKeysRepository;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** The key-store cases that go beyond the repository's semantics: through a compiled route, and over a restart. */
final class KeyStoreCases {

    private final AdapterFixture fixture;
    private final Path workDir;

    KeyStoreCases(AdapterFixture fixture, Path workDir) {
        this.fixture = fixture;
        this.workDir = workDir;
    }

    /** A route with {@code policy.idempotency} in the system: a repeated id is processed once. */
    void duplicatesSkipped() throws Exception {
        String app = ContractUdl.appName("keys-route");
        try (KeyStorePeer peer = fixture.keyStore(workDir);
                ContractApp running = ContractApp.start(app, ContractUdl.keyStore(app, peer), workDir)) {
            try {
                ContractMessage first = new ContractMessage(app + "-a", 1, "corr-" + app + "-1");
                ContractMessage copy = new ContractMessage(app + "-a", 2, "corr-" + app + "-2");
                ContractMessage next = new ContractMessage(app + "-b", 3, "corr-" + app + "-3");
                for (ContractMessage message : List.of(first, copy, next)) {
                    running.feed(message, Map.of());
                }
                // one consumer takes the feed in order: once the last is through, the copy was decided
                Deliveries.awaitAll("the message after the copy", running::seen, List.of(next));
                List<Integer> processed = running.seen().stream()
                        .map(r -> ((Number) ((Map<?, ?>) r.body()).get("n")).intValue()).toList();
                assertThat(processed).as("the copy was skipped").containsExactly(1, 3);
            } finally {
                running.context().getRegistry().findByType(ProcessedKeysRepository.class)
                        .forEach(ProcessedKeysRepository::clear);
            }
        }
    }

    /**
     * The store's server stops: recording a key fails rather than answer "duplicate" (which would drop the message
     * silently); once it is back, what was done before still is, the failed key is new, and new keys are recorded.
     */
    void serverRestart() throws Exception {
        try (KeyStorePeer peer = fixture.privateKeyStore(workDir)) {
            RestartableServer server = peer.server().orElseThrow(() -> new AssertionError(
                    "privateKeyStore() must give a peer with its server()"));
            ProcessedKeysRepository keys = peer.repository("contract/" + UUID.randomUUID());
            try {
                assertThat(keys.add("done-before")).isTrue();
                assertThat(keys.confirm("done-before")).isTrue();
                assertThat(keys.add("in-flight-before")).isTrue();
                server.stop();
                assertThatThrownBy(() -> keys.add("while-down"), "recording a key while the store is down");
                server.start();
                // the first calls may meet connections the restart broke; the store must recover by itself, asked
                // once a second as a retrying route would (a pool checks an idle connection before lending it)
                Awaitility.await("the store to answer again").atMost(Deliveries.PATIENCE)
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> keys.isDone("done-before"));
                assertThat(keys.add("done-before")).as("a key done before the restart").isFalse();
                assertThat(keys.contains("in-flight-before")).as("a key in flight before the restart").isTrue();
                assertThat(keys.add("while-down")).as("the key that failed while the store was down").isTrue();
                assertThat(keys.add("after")).isTrue();
            } finally {
                keys.stop(); // the private server's data goes with it
            }
        }
    }
}
