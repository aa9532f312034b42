package io.unikernal.testkit.contract;

/**
 * A store of processed keys that a system of the adapter reaches: declared in UDL for the route cases, and opened
 * directly as repositories ({@link ProcessedKeysStore}) for the semantic checks.
 */
public interface KeyStorePeer extends SystemPeer, ProcessedKeysStore {

    @Override
    default void close() throws Exception {
    }
}
