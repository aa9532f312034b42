package io.unikernal.adapter.nats;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * The adapter contract suite for {@code nats-jetstream}: streams of the test's own, made before the app (so the
 * system uses an existing stream as it is), unique to each case on the machine's server and deleted after it, and on
 * a private server (file storage, kept over its restarts) for the restart and start-up cases.
 */
class NatsJetStreamContractTest extends AdapterContract {

    private static final BiFunction<String, String, String> STREAM_TARGET = (servers, stream) ->
            "{adapter: nats-jetstream, servers: " + servers + ", stream: " + stream + ", subject: " + stream
                    + ".out, createStream: false}";

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "nats-jetstream";
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return StreamFeedPeer.shared();
            }

            @Override
            public SourcePeer privateSourcePeer(Path workDir) {
                return StreamFeedPeer.onPrivateServer();
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return CapturePeer.shared(STREAM_TARGET);
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return CapturePeer.onPrivateServer(STREAM_TARGET);
            }

            /** A stream that does not exist, which the system may not create. */
            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                String stream = NatsTestServers.unique("MISSING");
                return MisconfiguredPeer.of("{adapter: nats-jetstream, stream: " + stream + ", subject: " + stream
                        + ".in, createStream: false}", null, "stream " + stream + " does not exist");
            }
        };
    }
}
