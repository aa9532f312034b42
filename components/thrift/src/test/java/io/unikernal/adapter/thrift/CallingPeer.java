package io.unikernal.adapter.thrift;

import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a {@code thrift} target reaches: a libthrift server of {@code Orders.take} ({@link OrdersServer}). */
final class CallingPeer implements TargetPeer {

    private final OrdersServer server = OrdersServer.started();
    private final Path idl;
    private final boolean restartable;

    CallingPeer(Path workDir, boolean restartable) {
        this.idl = Idl.write(workDir.resolve("idl-" + server.port), "orders.thrift");
        this.restartable = restartable;
    }

    @Override
    public String system() {
        return "{adapter: thrift, address: \"" + server.address() + "\", idl: \"" + idl + "\"}";
    }

    @Override
    public String use() {
        return "method: Orders.take";
    }

    @Override
    public Optional<RestartableServer> server() {
        return restartable ? Optional.of(server) : Optional.empty();
    }

    @Override
    public List<Received> received() {
        return server.taken.stream().map(Received::body).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
