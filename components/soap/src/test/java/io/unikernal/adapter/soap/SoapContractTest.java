package io.unikernal.adapter.soap;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;

/**
 * The adapter contract suite for {@code soap}: the source is fed by plain HTTP POSTs of SOAP envelopes on a port of
 * its own; the target calls a CXF JAX-WS Provider of the test ({@link OrdersProvider}), restartable for the restart
 * case.
 */
class SoapContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "soap";
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
        };
    }
}
