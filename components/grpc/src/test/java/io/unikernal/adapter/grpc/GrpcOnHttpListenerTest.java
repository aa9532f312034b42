package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.unikernal.adapter.grpc.component.GrpcTimeout;
import io.unikernal.adapter.http.HttpServerAdapter;
import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listener: http}: gRPC methods served on the app's one HTTP listener, beside REST routes on the same port —
 * a stock grpc-java client (h2c with prior knowledge) and an HTTP/1.1 client answered by one port, in process and from
 * the emitted YAML; an unknown method is UNIMPLEMENTED as grpc-java's own server answers it; the caller's deadline
 * bounds the calls the route makes, as on a server of its own; the listener's settings are checked like every system
 * that shares it.
 */
class GrpcOnHttpListenerTest {

    @TempDir
    Path workDir;

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void grpcAndRestRoutesAreAnsweredOnOnePort() throws Exception {
        int port = FreePort.loopback();
        String name = name("grpc-on-http");
        Path proto = ContractProto.write(workDir);
        String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                + "  orders: {adapter: grpc, listener: http, port: " + port + ", proto: \"" + proto + "\"}\n"
                + "  rest: {adapter: http, port: " + port + ", path: /rest}\n"
                + "routes:\n  - name: take\n    from: {system: orders, method: " + ContractProto.TAKE + "}\n"
                + "    steps:\n      - transform: {set: {note: \"'seen ' + id\"}}\n"
                + "  - name: echo\n    from: {system: rest, method: POST}\n"
                + "    steps:\n      - transform: {set: {echoed: \"true\"}}\n";
        TwoWayRun.Outcomes<Boolean> runs = TwoWayRun.run(name + ".udl.yaml", udl,
                ProbeApps.with(new GrpcAdapter(), new HttpServerAdapter()), Map.of(), workDir, app -> {
                    try (PeerClient client = new PeerClient(port)) {
                        PeerClient.Reply reply = client.unary(ContractProto.TAKE,
                                ContractProto.order("{\"id\": \"o-1\", \"n\": 3}"), Map.of("x-correlation-id", "c-1"));
                        assertThat(ContractProto.json(reply.only()))
                                .isEqualTo("{\"id\":\"o-1\",\"n\":3,\"note\":\"seen o-1\"}");
                        assertThat(reply.header("x-correlation-id")).isEqualTo("c-1");
                        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class,
                                () -> client.unary("contract.Orders/Nope", ContractProto.order("{}"), Map.of()));
                        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
                    }
                    HttpResponse<String> rest = Http.postForResponse(port, "/rest", "{\"id\": \"a\"}");
                    assertThat(rest.statusCode()).isEqualTo(200);
                    assertThat(rest.body()).contains("\"echoed\":true");
                    return true;
                });
        assertThat(runs.inProcess()).isTrue();
        assertThat(runs.emitted()).isTrue();
    }

    @Test
    void theCallersDeadlineBoundsTheCallsTheRouteMakes() throws Exception {
        String name = name("grpc-on-http-deadline");
        Path proto = ContractProto.write(workDir);
        int port = FreePort.loopback();
        try (PeerServer peer = PeerServer.onFreePort()) {
            List<String> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
            peer.take = request -> {
                new CountDownLatch(1).await(1, TimeUnit.SECONDS);
                finished.add("done");
                return request;
            };
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  front: {adapter: grpc, listener: http, port: " + port + ", proto: \"" + proto + "\"}\n"
                    + "  remote: {adapter: grpc, address: \"" + peer.address() + "\", proto: \"" + proto + "\"}\n"
                    + "  parked: {adapter: contract-probe}\n"
                    + "routes:\n  - name: relay\n    from: {system: front, method: " + ContractProto.TAKE + "}\n"
                    + "    steps:\n      - to: {system: remote, method: " + ContractProto.TAKE + "}\n"
                    + "    deadLetter: parked\n";
            try (ProbeApp app = ProbeApp.start(name, udl, workDir); PeerClient client = new PeerClient(port)) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> client.call(
                        PeerClient.method(ContractProto.TAKE, MethodType.UNARY),
                        List.of(ContractProto.order("{\"id\": \"relayed\"}").toByteArray()), Map.of(),
                        Duration.ofMillis(300)));
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                Awaitility.await("the remote's call cancelled at the caller's deadline").atMost(Duration.ofSeconds(20))
                        .until(() -> peer.cancelled.contains(ContractProto.TAKE));
                assertThat(finished).isEmpty();
                String timeout = peer.calls.get(0).header("grpc-timeout");
                assertThat(timeout).as("the remote's grpc-timeout").isNotNull();
                assertThat(GrpcTimeout.parse(timeout).toMillis()).isBetween(1L, 300L);
            }
        }
    }

    @Test
    void anotherPortThanTheHttpSystemsIsAListenerConflictAndTlsIsTheListenersOwn() {
        String udl = "udl: 8\nname: app\nsystems:\n"
                + "  orders: {adapter: grpc, listener: http, port: 9001, proto: contract.proto, tlsCert: a.pem,"
                + " tlsKey: a.key}\n"
                + "  rest: {adapter: http, port: 9000}\n"
                + "routes:\n  - name: take\n    from: {system: orders, method: " + ContractProto.TAKE + "}\n"
                + "    reply: {body: \"'hi'\"}\n"
                + "  - name: echo\n    from: rest\n    reply: {body: \"'ok'\"}\n";
        ContractProto.write(workDir);
        List<String> problems = new UdlParser(ProbeApps.with(new GrpcAdapter(), new HttpServerAdapter()))
                .parse(workDir.resolve("app.udl").toString(), udl).problems().stream().map(UdlError::headline)
                .toList();
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("port").endsWith("[UDL-029]"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("listener").contains("tlsCert"));
    }
}
