package io.unikernal.adapter.kafka;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;

/**
 * The adapter contract suite for kafka: topics of their own on an in-process KRaft broker the tests share, and a
 * private broker for each restart case (stopped and started on the same port and log directory).
 */
class KafkaContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return KafkaAdapter.NAME;
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new KafkaPeers.Source(KafkaBroker.shared(), false);
            }

            @Override
            public SourcePeer privateSourcePeer(Path workDir) {
                return new KafkaPeers.Source(KafkaBroker.launch(), true);
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new KafkaPeers.Target(KafkaBroker.shared(), false);
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return new KafkaPeers.Target(KafkaBroker.launch(), true);
            }
        };
    }
}
