package io.unikernal.adapter.nats;

import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The contract fixture of a NATS adapter: its source peers on the machine's server and on a private one, its target
 * peers as {@link CapturePeer}s (the target's declaration made from the servers and the capturing stream's name), and
 * a declaration that cannot start.
 */
record NatsFixture(String adapter, Supplier<SourcePeer> sharedSource, Supplier<SourcePeer> privateSource,
        BiFunction<String, String, String> target, Supplier<MisconfiguredPeer> misconfigured)
        implements AdapterFixture {

    @Override
    public SourcePeer sourcePeer(Path workDir) {
        return sharedSource.get();
    }

    @Override
    public SourcePeer privateSourcePeer(Path workDir) {
        return privateSource.get();
    }

    @Override
    public TargetPeer targetPeer(Path workDir) {
        return CapturePeer.shared(target);
    }

    @Override
    public TargetPeer privateTargetPeer(Path workDir) {
        return CapturePeer.onPrivateServer(target);
    }

    @Override
    public MisconfiguredPeer misconfigured(Path workDir) {
        return misconfigured.get();
    }
}
