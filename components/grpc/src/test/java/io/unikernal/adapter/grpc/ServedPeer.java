package io.unikernal.adapter.grpc;

import com.google.protobuf.DynamicMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;

/**
 * Feeds a {@code grpc} source as a gRPC client does: a unary call of {@code contract.Orders/Take} with the
 * correlation id in {@code x-correlation-id} metadata, made again only while the server is not listening yet
 * (UNAVAILABLE before any byte was sent). Returns the reply with the correlation id of its headers.
 */
final class ServedPeer implements SourcePeer {

    private final int port = FreePort.loopback();
    private final Path proto;
    private final PeerClient client = new PeerClient(port);

    ServedPeer(Path workDir) {
        this.proto = ContractProto.write(workDir.resolve("proto-" + port));
    }

    @Override
    public String system() {
        return "{adapter: grpc, port: " + port + ", proto: \"" + proto + "\"}";
    }

    @Override
    public String use() {
        return "method: " + ContractProto.TAKE;
    }

    @Override
    public Received send(CamelContext app, ContractMessage message) {
        DynamicMessage order = ContractProto.order(message.json());
        AtomicReference<PeerClient.Reply> reply = new AtomicReference<>();
        Awaitility.await("the gRPC listener on " + port).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    try {
                        reply.set(client.unary(ContractProto.TAKE, order, Map.of("x-correlation-id",
                                message.correlationId())));
                        return true;
                    } catch (StatusRuntimeException e) {
                        if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                            return false; // not listening yet: nothing reached a route
                        }
                        throw e;
                    }
                });
        PeerClient.Reply got = reply.get();
        return new Received(StrictJson.read(ContractProto.json(got.only()), Map.class),
                got.header("x-correlation-id"), null, null, Map.of());
    }

    @Override
    public void close() {
        client.close();
    }
}
