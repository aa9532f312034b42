package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.unikernal.testkit.probe.ProbeApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route calling a grpc-java service: the reply is the body; the service's status is a UDM error — a rejection
 * (NOT_FOUND, INVALID_ARGUMENT) is dead-lettered at once with the status in the reason, UNAVAILABLE is retried by the
 * route's policy; a body that does not fit the input type is never sent.
 */
class GrpcCallTest {

    @TempDir
    Path workDir;

    private static String name() {
        return "grpc-call-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String app(String name, PeerServer peer) {
        Path proto = ContractProto.write(workDir);
        return "udl: 8\nname: " + name + "\nsystems:\n  feed: {adapter: contract-probe}\n"
                + "  remote: {adapter: grpc, address: \"" + peer.address() + "\", proto: \"" + proto + "\"}\n"
                + "  seen: {adapter: contract-probe}\n  parked: {adapter: contract-probe}\n"
                + "routes:\n  - name: call\n    from: feed\n"
                + "    policy: {retry: {attempts: 4, initial: 50ms, max: 100ms}}\n    steps:\n"
                + "      - to: {system: remote, method: " + ContractProto.TAKE + "}\n"
                + "      - to: seen\n    deadLetter: parked\n";
    }

    @Test
    void theReplyBecomesTheBody() throws Exception {
        String name = name();
        try (PeerServer peer = PeerServer.onFreePort()) {
            peer.take = request -> request.toBuilder().setField(ContractProto.ORDER.findFieldByName("note"), "priced")
                    .build();
            try (ProbeApp app = ProbeApp.start(name, app(name, peer), workDir)) {
                app.feed("feed", Map.of("id", "o-1", "n", 7), "corr-1");
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !app.recorded("seen").isEmpty());
                assertThat(app.recorded("seen").get(0).body()).isEqualTo(Map.of("id", "o-1", "n", 7L, "note",
                        "priced"));
                assertThat(peer.calls.get(0).header("x-correlation-id")).isEqualTo("corr-1");
            }
        }
    }

    @Test
    void aRejectionIsDeadLetteredAtOnceWithTheStatus() throws Exception {
        String name = name();
        try (PeerServer peer = PeerServer.onFreePort()) {
            peer.take = request -> {
                throw Status.NOT_FOUND.withDescription("no order " + request.getField(ContractProto.ORDER
                        .findFieldByName("id"))).asRuntimeException();
            };
            try (ProbeApp app = ProbeApp.start(name, app(name, peer), workDir)) {
                app.feed("feed", Map.of("id", "o-404"), "corr-404");
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !app.recorded("parked").isEmpty());
                assertThat(app.reasons("parked").get(0)).contains("gRPC call contract.Orders/Take at "
                        + peer.address() + " failed: NOT_FOUND (no order o-404)");
                assertThat(peer.calls).as("a rejection is not retried").hasSize(1);
                assertThat(app.recorded("seen")).isEmpty();
            }
        }
    }

    @Test
    void anUnavailableServiceIsRetriedByTheRoutesPolicy() throws Exception {
        String name = name();
        AtomicInteger tries = new AtomicInteger();
        try (PeerServer peer = PeerServer.onFreePort()) {
            peer.take = request -> {
                if (tries.incrementAndGet() < 3) {
                    throw Status.UNAVAILABLE.withDescription("warming up").asRuntimeException();
                }
                return request;
            };
            try (ProbeApp app = ProbeApp.start(name, app(name, peer), workDir)) {
                app.feed("feed", Map.of("id", "o-503"), "corr-503");
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !app.recorded("seen").isEmpty());
                assertThat(peer.calls).hasSize(3);
                assertThat(app.recorded("parked")).isEmpty();
            }
        }
    }

    @Test
    void aBodyThatDoesNotFitTheInputTypeIsNotSent() throws Exception {
        String name = name();
        try (PeerServer peer = PeerServer.onFreePort();
                ProbeApp app = ProbeApp.start(name, app(name, peer), workDir)) {
            app.feed("feed", Map.of("id", "o-x", "colour", "red"), "corr-x");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !app.recorded("parked").isEmpty());
            assertThat(app.reasons("parked").get(0)).contains("does not fit contract.Order").contains("colour")
                    .contains("contract.Orders/Take");
            assertThat(peer.calls).isEmpty();
        }
    }
}
