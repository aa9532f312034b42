package io.unikernal.adapter.s3;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PrivateS3;
import java.nio.file.Path;

/**
 * The adapter contract suite for s3: buckets of their own on an S3Proxy the tests share, and a private S3Proxy (a
 * child JVM with a filesystem store) for each restart case and the "down at start" case; a wrong secret key for "bad
 * endpoint", which the store refuses with SignatureDoesNotMatch.
 */
class S3ContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return S3Adapter.NAME;
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new S3Peers.Source(S3Stores.shared(), false);
            }

            @Override
            public SourcePeer privateSourcePeer(Path workDir) {
                return new S3Peers.Source(S3Stores.launch(), true);
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new S3Peers.Target(S3Stores.shared(), false);
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return new S3Peers.Target(S3Stores.launch(), true);
            }

            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                PrivateS3 store = S3Stores.shared();
                String secret = "S3_CONTRACT_WRONG_SECRET";
                System.setProperty("unikernal.secret." + secret, "not-" + store.secretKey());
                String system = "{adapter: s3, endpoint: \"" + store.endpoint() + "\", bucket: "
                        + S3Stores.uniqueBucket("wrong") + ", pathStyle: true, accessKey: \"${secret:"
                        + S3Stores.accessSecret(store) + "}\", secretKey: \"${secret:" + secret + "}\"}";
                return MisconfiguredPeer.of(system, null, "SignatureDoesNotMatch",
                        () -> System.clearProperty("unikernal.secret." + secret));
            }
        };
    }
}
