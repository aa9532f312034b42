package io.unikernal.testkit.contract;

import io.unikernal.runtime.checkpoint.CheckpointStore;
import io.unikernal.runtime.checkpoint.MemoryCheckpoints;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory checkpoints keep the semantics every store shares. */
class MemoryCheckpointsContractTest extends CheckpointStoreContract {

    /** One memory store per namespace, as an app has one per pipeline. */
    private final Map<String, CheckpointStore> stores = new ConcurrentHashMap<>();

    @Override
    protected CheckpointStore store(String namespace) {
        return stores.computeIfAbsent(namespace, n -> new MemoryCheckpoints());
    }
}
