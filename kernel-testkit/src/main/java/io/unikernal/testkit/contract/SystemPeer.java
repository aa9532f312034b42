package io.unikernal.testkit.contract;

import io.unikernal.testkit.server.RestartableServer;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * The real thing at the other end of the system under test, as a fixture provides it for one case: a server (the
 * machine's, with names unique to the case, or a private one), a folder, a listener. It says how UDL declares a
 * system that reaches it; closing it removes what the case left there.
 */
public interface SystemPeer extends AutoCloseable {

    /** The system's declaration as a YAML flow map, e.g. {@code {adapter: seda, name: contract-7}}. */
    String system();

    /** Options of the use ({@code from:} or {@code to:}) as YAML map entries, e.g. {@code method: POST}; or null. */
    default String use() {
        return null;
    }

    /**
     * How many messages the "every message once" case sends through this peer: 50, unless the peer is slow by design
     * (then say why where it is lowered).
     */
    default int batch() {
        return 50;
    }

    /** The private server behind this peer, which the restart cases stop and start; empty for a shared one. */
    default Optional<RestartableServer> server() {
        return Optional.empty();
    }

    /** Called once the app is running, before any message: e.g. to attach an in-process consumer. */
    default void started(CamelContext app) throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
