package io.unikernal.testkit.contract;

import io.unikernal.testkit.probe.ProbeAdapter;
import java.util.UUID;

/**
 * The UDL apps of the cases: the system under test is always {@value #SUT}, the probe systems are {@value #FEED}
 * (a source the suite feeds), {@value #SEEN} (a target that records) and {@value #PARKED} (the dead letter).
 */
final class ContractUdl {

    static final String SUT = "sut";
    static final String FEED = "feed";
    static final String SEEN = "seen";
    static final String PARKED = "parked";
    /** The route of every app, and with the app's name the namespace of its processed keys. */
    static final String ROUTE = "contract";
    static final String SCHEMA = "ContractOrder";
    static final int SCHEMA_VERSION = 3;

    /** Long enough to carry messages over a server restart: up to 100 tries, at most 500 ms apart (about 45 s). */
    private static final String RETRY_OVER_RESTART = "{retry: {attempts: 100, initial: 100ms, max: 500ms}}";

    private ContractUdl() {
    }

    /** A unique app name for one case: also the prefix of its message ids. */
    static String appName(String what) {
        return "c-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code sut} as the source of a route whose messages the probe {@code seen} records. */
    static String source(String app, SystemPeer peer) {
        return header(app) + "  " + SUT + ": " + peer.system() + "\n  " + SEEN + ": {adapter: " + ProbeAdapter.NAME
                + "}\nroutes:\n  - name: " + ROUTE + "\n    from: " + use(peer) + "\n    steps:\n      - to: " + SEEN
                + "\n";
    }

    /** What a target route does beyond calling the target. */
    enum TargetRoute {
        /** Calls the target; a failure goes to the dead letter. */
        PLAIN,
        /** Validates against {@value #SCHEMA} v{@value #SCHEMA_VERSION} first, so the envelope names a schema. */
        VALIDATED,
        /** Retries for as long as a server takes to restart. */
        RETRIED
    }

    /** The probe {@code feed} as the source of a route that calls {@code sut}. */
    static String target(String app, SystemPeer peer, TargetRoute kind) {
        StringBuilder udl = new StringBuilder(header(app)).append("  ").append(FEED).append(": {adapter: ")
                .append(ProbeAdapter.NAME).append("}\n  ").append(SUT).append(": ").append(peer.system())
                .append("\n  ").append(PARKED).append(": {adapter: ").append(ProbeAdapter.NAME).append("}\n");
        if (kind == TargetRoute.VALIDATED) {
            udl.append("schemas:\n  ").append(SCHEMA).append(":\n    version: ").append(SCHEMA_VERSION)
                    .append("\n    fields:\n      id: {type: string, required: true}\n      n: {type: int}\n"
                            + "      note: {type: string}\n");
        }
        udl.append("routes:\n  - name: ").append(ROUTE).append("\n    from: ").append(FEED).append('\n');
        if (kind == TargetRoute.RETRIED) {
            udl.append("    policy: ").append(RETRY_OVER_RESTART).append('\n');
        }
        udl.append("    steps:\n");
        if (kind == TargetRoute.VALIDATED) {
            udl.append("      - validate: ").append(SCHEMA).append('\n');
        }
        return udl.append("      - to: ").append(use(peer)).append("\n    deadLetter: ").append(PARKED).append('\n')
                .toString();
    }

    /** A route from the probe {@code feed} to {@code seen} that keeps its processed keys in {@code sut}. */
    static String keyStore(String app, SystemPeer peer) {
        return header(app) + "  " + FEED + ": {adapter: " + ProbeAdapter.NAME + "}\n  " + SUT + ": " + peer.system()
                + "\n  " + SEEN + ": {adapter: " + ProbeAdapter.NAME + "}\nroutes:\n  - name: " + ROUTE
                + "\n    from: " + FEED + "\n    policy: {idempotency: {key: id, store: " + SUT + "}}\n    steps:\n"
                + "      - to: " + SEEN + "\n";
    }

    private static String header(String app) {
        return "udl: 8\nname: " + app + "\nsystems:\n";
    }

    private static String use(SystemPeer peer) {
        return peer.use() == null ? SUT : "{system: " + SUT + ", " + peer.use() + "}";
    }
}
