package io.unikernal.adapter.grpc;

import io.grpc.Metadata;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code grpc} target reaches: a grpc-java server of {@code contract.Orders} ({@link PeerServer}) that echoes
 * Take; each request is read back with its metadata. A private one can be restarted.
 */
final class CallingPeer implements TargetPeer {

    private final PeerServer server = PeerServer.onFreePort();
    private final Path proto;
    private final boolean restartable;

    CallingPeer(Path workDir, boolean restartable) {
        this.proto = ContractProto.write(workDir.resolve("proto-" + server.port));
        this.restartable = restartable;
    }

    @Override
    public String system() {
        return "{adapter: grpc, address: \"" + server.address() + "\", proto: \"" + proto + "\"}";
    }

    @Override
    public String use() {
        return "method: " + ContractProto.TAKE;
    }

    @Override
    public Optional<RestartableServer> server() {
        return restartable ? Optional.of(server) : Optional.empty();
    }

    @Override
    public List<Received> received() {
        return server.calls(ContractProto.TAKE).stream().map(call -> new Received(
                StrictJson.read(ContractProto.json(call.request()), Map.class), call.header("x-correlation-id"),
                call.header("udmschema"), call.header("udmschemaversion"), headers(call.headers()))).toList();
    }

    private static Map<String, String> headers(Metadata metadata) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String key : metadata.keys()) {
            if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                headers.put(key, metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
            }
        }
        return headers;
    }

    @Override
    public void close() {
        server.close();
    }
}
