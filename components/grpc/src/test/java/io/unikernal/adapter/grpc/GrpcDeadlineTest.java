package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deadlines both ways, against a grpc-java handler that takes a second: the route's 200 ms timeout is the call's
 * deadline, so the call fails DEADLINE_EXCEEDED and the server sees its call cancelled while the handler still runs;
 * and the deadline of a call the route serves bounds the calls the route makes (the remote gets it as
 * {@code grpc-timeout}, and sees the cancellation when it passes).
 */
class GrpcDeadlineTest {

    @TempDir
    Path workDir;

    /** A Take handler that waits a second (or until its call is cancelled) and records whether it got to the end. */
    private static final class SlowHandler implements PeerServer.Behaviour {
        final List<String> finished = new CopyOnWriteArrayList<>();

        @Override
        public com.google.protobuf.DynamicMessage answer(com.google.protobuf.DynamicMessage request)
                throws Exception {
            CountDownLatch never = new CountDownLatch(1);
            never.await(1, TimeUnit.SECONDS);
            finished.add(String.valueOf(request.getField(ContractProto.ORDER.findFieldByName("id"))));
            return request;
        }
    }

    @Test
    void theRoutesTimeoutIsTheCallsDeadline() throws Exception {
        String name = "grpc-deadline-" + UUID.randomUUID().toString().substring(0, 8);
        Path proto = ContractProto.write(workDir);
        SlowHandler slow = new SlowHandler();
        try (PeerServer peer = PeerServer.onFreePort()) {
            peer.take = slow;
            String udl = "udl: 8\nname: " + name + "\nsystems:\n  feed: {adapter: contract-probe}\n"
                    + "  remote: {adapter: grpc, address: \"" + peer.address() + "\", proto: \"" + proto + "\"}\n"
                    + "  parked: {adapter: contract-probe}\n"
                    + "routes:\n  - name: call\n    from: feed\n    policy: {timeout: 200ms}\n    steps:\n"
                    + "      - to: {system: remote, method: " + ContractProto.TAKE + "}\n    deadLetter: parked\n";
            try (ProbeApp app = ProbeApp.start(name, udl, workDir)) {
                app.feed("feed", Map.of("id", "slow-1"), "corr-slow-1");
                Awaitility.await("the cancellation at the server").atMost(Duration.ofSeconds(20))
                        .until(() -> peer.cancelled.contains(ContractProto.TAKE));
                assertThat(slow.finished).as("the handler was still running when its call was cancelled").isEmpty();
                Awaitility.await("the dead letter").atMost(Duration.ofSeconds(20))
                        .until(() -> !app.recorded("parked").isEmpty());
                assertThat(app.reasons("parked").get(0)).contains("DEADLINE_EXCEEDED")
                        .contains("contract.Orders/Take");
                assertThat(timeoutMillis(peer.calls.get(0).header("grpc-timeout"))).isBetween(1L, 200L);
            }
        }
    }

    @Test
    void theDeadlineOfTheCallServedBoundsTheCallsTheRouteMakes() throws Exception {
        String name = "grpc-propagate-" + UUID.randomUUID().toString().substring(0, 8);
        Path proto = ContractProto.write(workDir);
        int port = FreePort.loopback();
        SlowHandler slow = new SlowHandler();
        try (PeerServer peer = PeerServer.onFreePort()) {
            peer.take = slow;
            // no timeout of its own: only the caller's deadline bounds the route's call
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  front: {adapter: grpc, port: " + port + ", proto: \"" + proto + "\"}\n"
                    + "  remote: {adapter: grpc, address: \"" + peer.address() + "\", proto: \"" + proto + "\"}\n"
                    + "  parked: {adapter: contract-probe}\n"
                    + "routes:\n  - name: relay\n    from: {system: front, method: " + ContractProto.TAKE + "}\n"
                    + "    steps:\n      - to: {system: remote, method: " + ContractProto.TAKE + "}\n"
                    + "    deadLetter: parked\n";
            try (ProbeApp app = ProbeApp.start(name, udl, workDir); PeerClient client = new PeerClient(port)) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> client.call(
                        PeerClient.method(ContractProto.TAKE, io.grpc.MethodDescriptor.MethodType.UNARY),
                        List.of(ContractProto.order("{\"id\": \"relayed\"}").toByteArray()),
                        Map.of("x-correlation-id", "corr-relayed"), Duration.ofMillis(300)));
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                Awaitility.await("the remote's call cancelled at the caller's deadline").atMost(Duration.ofSeconds(20))
                        .until(() -> peer.cancelled.contains(ContractProto.TAKE));
                assertThat(slow.finished).isEmpty();
                assertThat(timeoutMillis(peer.calls.get(0).header("grpc-timeout"))).as("the remote's deadline")
                        .isBetween(1L, 300L);
                Awaitility.await("the dead letter").atMost(Duration.ofSeconds(20))
                        .until(() -> !app.recorded("parked").isEmpty());
                // which comes first at the server, its own timer or the caller's cancellation at the caller's
                // deadline, is a race of microseconds: either way the reason says the served call ended
                assertThat(app.reasons("parked").get(0)).containsAnyOf("failed: DEADLINE_EXCEEDED (",
                        "failed: CANCELLED (the call being served was cancelled by its caller (at its deadline or"
                                + " before it))");
            }
        }
    }

    /** gRPC's {@code grpc-timeout} header in milliseconds (its units: H M S m u n). */
    private static long timeoutMillis(String header) {
        assertThat(header).as("the grpc-timeout header").isNotNull();
        long value = Long.parseLong(header.substring(0, header.length() - 1));
        return switch (header.charAt(header.length() - 1)) {
            case 'H' -> TimeUnit.HOURS.toMillis(value);
            case 'M' -> TimeUnit.MINUTES.toMillis(value);
            case 'S' -> TimeUnit.SECONDS.toMillis(value);
            case 'm' -> value;
            case 'u' -> TimeUnit.MICROSECONDS.toMillis(value);
            default -> TimeUnit.NANOSECONDS.toMillis(value);
        };
    }
}
