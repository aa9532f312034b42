package io.unikernal.adapter.nats;

import io.nats.client.api.StorageType;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PrivateNats;
import io.unikernal.testkit.server.RestartableServer;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a {@code nats} or {@code nats-jetstream} target published, as a {@link StreamCapture} of its subject holds it:
 * on the machine's server (memory) or on a private one (file, kept over its restarts).
 */
final class CapturePeer implements TargetPeer {

    private final String system;
    private final PrivateNats owned;
    private final StreamCapture capture;

    /** {@code declaration} makes the system's declaration from the servers and the stream's name. */
    private CapturePeer(String servers, PrivateNats owned, StorageType storage,
            BiFunction<String, String, String> declaration) {
        this.owned = owned;
        String stream = NatsTestServers.unique("CAPTURE");
        this.capture = new StreamCapture(NatsTestServers.connect(servers), stream, stream + ".out", storage);
        this.system = declaration.apply("\"" + servers + "\"", stream);
    }

    static CapturePeer shared(BiFunction<String, String, String> declaration) {
        return new CapturePeer(NatsTestServers.MACHINE, null, StorageType.Memory, declaration);
    }

    static CapturePeer onPrivateServer(BiFunction<String, String, String> declaration) {
        PrivateNats server = PrivateNats.launch();
        return new CapturePeer(server.url(), server, StorageType.File, declaration);
    }

    @Override
    public String system() {
        return system;
    }

    @Override
    public Optional<RestartableServer> server() {
        return Optional.ofNullable(owned);
    }

    @Override
    public List<Received> received() {
        return capture.received();
    }

    @Override
    public void close() throws Exception {
        if (owned == null) {
            capture.close();
        } else {
            capture.disconnect();
            owned.close();
        }
    }
}
