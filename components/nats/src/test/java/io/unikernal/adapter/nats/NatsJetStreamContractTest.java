package io.unikernal.adapter.nats;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;

/**
 * The adapter contract suite for {@code nats-jetstream}: streams of the test's own, made before the app (so the
 * system uses an existing stream as it is), unique to each case on the machine's server and deleted after it, and on
 * a private server (file storage, kept over its restarts) for the restart and start-up cases.
 */
class NatsJetStreamContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new NatsFixture("nats-jetstream", StreamFeedPeer::shared, StreamFeedPeer::onPrivateServer,
                (servers, stream) -> "{adapter: nats-jetstream, servers: " + servers + ", stream: " + stream
                        + ", subject: " + stream + ".out, createStream: false}",
                NatsJetStreamContractTest::missingStream);
    }

    /** A stream that does not exist, which the system may not create. */
    private static MisconfiguredPeer missingStream() {
        String stream = NatsTestServers.unique("MISSING");
        return MisconfiguredPeer.of("{adapter: nats-jetstream, stream: " + stream + ", subject: " + stream
                + ".in, createStream: false}", null, "stream " + stream + " does not exist");
    }
}
