package io.unikernal.testkit.contract;

import io.unikernal.runtime.idempotency.ProcessedKeysRepository;

/** Where the processed-keys contract gets its repositories: one store, any number of namespaces. */
public interface ProcessedKeysStore extends AutoCloseable {

    /**
     * A started repository over this store for {@code namespace}, able to serve 20 callers at once. The contract
     * clears and stops it after each check.
     */
    ProcessedKeysRepository repository(String namespace) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
