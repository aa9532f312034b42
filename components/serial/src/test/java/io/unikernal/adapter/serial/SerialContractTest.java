package io.unikernal.adapter.serial;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;

/**
 * The adapter contract suite for serial, each case on a pseudo-terminal pair of its own made by socat: the app's
 * system opens one end, the peer the other. The "server" the restart cases stop and start is the pair: socat killed
 * (both devices gone, as an unplugged adapter) and started again behind the same paths. A port that does not exist is
 * the misconfigured system: its start fails naming the path.
 */
class SerialContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return SerialAdapter.NAME;
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new PtyPeer();
            }

            @Override
            public SourcePeer privateSourcePeer(Path workDir) {
                return new PtyPeer();
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new PtyPeer();
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return new PtyPeer();
            }

            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                Path missing = workDir.toAbsolutePath().resolve("no-such-tty");
                return MisconfiguredPeer.of("{adapter: serial, port: " + missing + "}", null,
                        "serial port " + missing + " does not exist");
            }
        };
    }
}
