package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with a self-signed certificate made by the test (keytool): a served method over TLS answers a grpc-java client
 * that trusts the certificate and no plaintext one; a route calls a TLS grpc-java server trusting the certificate
 * (trustCert); calling it trusting only the JVM's certificates fails the app's start with one line.
 */
class GrpcTlsTest {

    @TempDir
    Path workDir;

    /** One certificate for the class: keytool is a JVM of its own, seconds on a busy machine. */
    private static SelfSigned certificate;

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        certificate = SelfSigned.make(dir);
    }

    @Test
    void aServedMethodSpeaksTlsAndARouteCallsOverTls() throws Exception {
        Path proto = ContractProto.write(workDir);
        int port = FreePort.loopback();
        String name = "grpc-tls-" + UUID.randomUUID().toString().substring(0, 8);
        try (PeerServer remote = PeerServer.withTls(certificate.cert(), certificate.key())) {
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  front: {adapter: grpc, port: " + port + ", proto: \"" + proto + "\", tlsCert: \""
                    + certificate.cert() + "\", tlsKey: \"" + certificate.key() + "\"}\n"
                    + "  remote: {adapter: grpc, address: \"127.0.0.1:" + remote.port + "\", proto: \"" + proto
                    + "\", trustCert: \"" + certificate.cert() + "\"}\n  parked: {adapter: contract-probe}\n"
                    + "routes:\n  - name: relay\n    from: {system: front, method: " + ContractProto.TAKE + "}\n"
                    + "    steps:\n      - to: {system: remote, method: " + ContractProto.TAKE + "}\n"
                    + "    deadLetter: parked\n";
            ManagedChannel trusting = NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(certificate.cert().toFile()).build())
                    .build();
            try (ProbeApp app = ProbeApp.start(name, udl, workDir); PeerClient plaintext = new PeerClient(port)) {
                byte[] reply = ClientCalls.blockingUnaryCall(trusting, PeerClient.method(ContractProto.TAKE,
                        MethodType.UNARY), io.grpc.CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
                        ContractProto.order("{\"id\": \"secret\"}").toByteArray());
                assertThat(ContractProto.json(PeerClient.parse(reply))).contains("\"id\":\"secret\"");
                assertThat(remote.calls).as("the route's call over TLS").hasSize(1);
                StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () ->
                        plaintext.call(PeerClient.method(ContractProto.TAKE, MethodType.UNARY), List.of(ContractProto
                                .order("{\"id\": \"plain\"}").toByteArray()), Map.of(), Duration.ofSeconds(10)));
                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(remote.calls).hasSize(1);
            } finally {
                trusting.shutdownNow();
            }
        }
    }

    @Test
    void aServerTheCallsDoNotTrustFailsTheStartInOneLine() throws Exception {
        Path proto = ContractProto.write(workDir);
        String name = "grpc-untrusted-" + UUID.randomUUID().toString().substring(0, 8);
        try (PeerServer remote = PeerServer.withTls(certificate.cert(), certificate.key())) {
            String udl = "udl: 8\nname: " + name + "\nsystems:\n  feed: {adapter: contract-probe}\n"
                    + "  remote: {adapter: grpc, address: \"127.0.0.1:" + remote.port + "\", proto: \"" + proto
                    + "\", tls: true}\nroutes:\n  - name: call\n    from: feed\n    steps:\n"
                    + "      - to: {system: remote, method: " + ContractProto.TAKE + "}\n";
            Throwable failure = catchThrowable(() -> ProbeApp.start(name, udl, workDir).close());
            SystemStartException cannotStart = null;
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SystemStartException e) {
                    cannotStart = e;
                }
            }
            assertThat(cannotStart).as("the start fails with the kernel's one line").isNotNull();
            assertThat(cannotStart.getMessage()).startsWith("system remote (grpc) cannot start: the TLS handshake"
                    + " with 127.0.0.1:" + remote.port + " failed").doesNotContain("\n");
        }
    }

}
