package io.unikernal.adapter.redis;

import io.unikernal.runtime.checkpoint.CheckpointStore;
import io.unikernal.testkit.contract.CheckpointStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The redis checkpoint store keeps the shared semantics on the machine's Redis. */
class RedisCheckpointsContractTest extends CheckpointStoreContract {

    private static final RedisConnection CONNECTION = connect();

    private static RedisConnection connect() {
        RedisConnection connection = new RedisConnection();
        connection.setHost("127.0.0.1");
        connection.setPort(6379);
        connection.start();
        return connection;
    }

    @AfterAll
    static void close() {
        CONNECTION.close();
    }

    @Override
    protected CheckpointStore store(String namespace) {
        RedisCheckpoints store = new RedisCheckpoints();
        store.setConnection(CONNECTION);
        store.setNamespace(namespace);
        return store;
    }
}
