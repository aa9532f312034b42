package io.unikernal.testkit.contract;

import java.nio.file.Path;

/**
 * How the contract suite meets one adapter's real peer: the only thing an adapter module writes to run the suite
 * (with a test class extending {@link AdapterContract}). It names the adapter and provides a peer for each role the
 * adapter offers; the suite decides from the roles' declared capabilities which cases run and asks only for the
 * peers those need — a case that runs but finds no peer here fails, naming the method to write. The "down at start"
 * case uses the private peer of the role it picks, stopping its server before the app starts. Peers are opened per
 * case and closed after it; {@code workDir} is the test's own temporary folder.
 */
public interface AdapterFixture {

    /** The adapter's name as in {@code adapter:}; it must be installed (its service file on the class path). */
    String adapter();

    /** A peer that feeds the source: the machine's server or an in-process one. */
    default SourcePeer sourcePeer(Path workDir) throws Exception {
        throw missing("sourcePeer");
    }

    /** A peer that feeds the source from a private server it can restart ({@link SystemPeer#server()}). */
    default SourcePeer privateSourcePeer(Path workDir) throws Exception {
        throw missing("privateSourcePeer");
    }

    /** A peer the target reaches. */
    default TargetPeer targetPeer(Path workDir) throws Exception {
        throw missing("targetPeer");
    }

    /** A peer the target reaches on a private server it can restart. */
    default TargetPeer privateTargetPeer(Path workDir) throws Exception {
        throw missing("privateTargetPeer");
    }

    /** A store of processed keys on the machine's server or an embedded one. */
    default KeyStorePeer keyStore(Path workDir) throws Exception {
        throw missing("keyStore");
    }

    /** A store of processed keys on a private server it can restart. */
    default KeyStorePeer privateKeyStore(Path workDir) throws Exception {
        throw missing("privateKeyStore");
    }

    /**
     * A system of the adapter declared so that it cannot start (a wrong credential or host, see
     * {@link MisconfiguredPeer}), used in the role the start-up cases pick: the first of target, source and key store
     * that declares {@code REMOTE_SERVER} and {@code CHECKED_AT_START}.
     */
    default MisconfiguredPeer misconfigured(Path workDir) throws Exception {
        throw missing("misconfigured");
    }

    private UnsupportedOperationException missing(String method) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " has no " + method + "(), but a"
                + " contract case the roles of '" + adapter() + "' declare needs it: override " + method + "(Path)");
    }
}
