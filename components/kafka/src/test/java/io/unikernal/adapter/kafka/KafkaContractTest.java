package io.unikernal.adapter.kafka;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;

/**
 * The adapter contract suite for kafka: topics of their own on an in-process KRaft broker the tests share, and a
 * private broker for each restart case (stopped and started on the same port and log directory) and the "down at
 * start" case; an unknown host for "bad endpoint". The wrong SASL password is in KafkaStartTest (it needs a broker
 * that wants a login).
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

            /** Brokers under a host name DNS does not know: permanent, unlike a port where nothing listens. */
            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                return MisconfiguredPeer.of("{adapter: kafka, brokers: \"kafka.unikernal.invalid:9092\", topic: t}",
                        null, "unknown host kafka.unikernal.invalid");
            }
        };
    }
}
