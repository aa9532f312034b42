package io.unikernal.adapter.thrift;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;

/**
 * The adapter contract suite for {@code thrift}: the source is called by a libthrift client on a port of its own, the
 * target calls a libthrift server of the test ({@link OrdersServer}, restartable for the restart and start-up cases);
 * both with hand-written protocol code, not the adapter's. The declaration that cannot start names a host that does
 * not exist.
 */
class ThriftContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "thrift";
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new ServedPeer(workDir);
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new CallingPeer(workDir, false);
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return new CallingPeer(workDir, true);
            }

            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                Path idl = Idl.write(workDir.resolve("misconfigured"), "orders.thrift");
                return MisconfiguredPeer.of("{adapter: thrift, address: \"no-such-host.invalid:9090\", idl: \""
                        + idl + "\"}", "method: Orders.take", "unknown host");
            }
        };
    }
}
