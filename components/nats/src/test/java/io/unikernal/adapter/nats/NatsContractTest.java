package io.unikernal.adapter.nats;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.server.PrivateNats;
import java.util.UUID;

/**
 * The adapter contract suite for {@code nats}: subjects unique to each case on the machine's server, and a private
 * server for the restart and start-up cases. The source is fed with requests (so the reply case runs and a sender
 * knows when the app's subscription is there); what the target publishes is read from a stream capturing its
 * subject.
 */
class NatsContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new NatsFixture("nats", RequestPeer::shared, RequestPeer::onPrivateServer,
                (servers, stream) -> "{adapter: nats, servers: " + servers + ", subject: " + stream + ".out}",
                NatsContractTest::wrongPassword);
    }

    /** A server that requires a login, and a wrong password given as a secret. */
    private static MisconfiguredPeer wrongPassword() {
        PrivateNats server = PrivateNats.create("orders", "right-" + UUID.randomUUID());
        server.start();
        String secret = "UK_CONTRACT_NATS_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        System.setProperty("unikernal.secret." + secret, "wrong-" + UUID.randomUUID());
        return MisconfiguredPeer.of("{adapter: nats, servers: \"" + server.url() + "\", subject: orders,"
                + " user: orders, password: \"${secret:" + secret + "}\"}", null,
                "authentication failed at " + server.url() + " (Authorization Violation)", () -> {
                    System.clearProperty("unikernal.secret." + secret);
                    server.close();
                });
    }
}
