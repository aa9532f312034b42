package io.unikernal.adapter.grpc;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;

/**
 * The adapter contract suite for {@code grpc}: the source is fed by a grpc-java client on a port of its own, the
 * target calls a grpc-java server of the test ({@link PeerServer}, restartable for the restart and start-up cases).
 * The declaration that cannot start names a host that does not exist.
 */
class GrpcContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "grpc";
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
                Path proto = ContractProto.write(workDir.resolve("misconfigured"));
                return MisconfiguredPeer.of("{adapter: grpc, address: \"no-such-host.invalid:9090\", proto: \""
                        + proto + "\"}", "method: " + ContractProto.TAKE, "unknown host");
            }
        };
    }
}
