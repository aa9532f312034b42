package io.unikernal.testkit.contract;

import io.unikernal.runtime.idempotency.MemoryProcessedKeys;

/** The in-memory store of {@code unikernal test} keeps the semantics every store shares. */
class MemoryProcessedKeysContractTest extends ProcessedKeysRepositoryContract {

    /** One store per namespace: the memory store is a route's own. */
    @Override
    protected ProcessedKeysStore store() {
        return namespace -> {
            MemoryProcessedKeys keys = new MemoryProcessedKeys();
            keys.start();
            return keys;
        };
    }
}
