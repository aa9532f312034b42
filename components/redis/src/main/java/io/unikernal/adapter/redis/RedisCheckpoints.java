package io.unikernal.adapter.redis;

import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * Pipeline checkpoints in a redis system: one string key per checkpoint, {@code unikernal:checkpoint:<namespace>:
 * <name>}. {@link #advance} is one Lua script (atomic in Redis), or {@code SET NX} from nothing.
 */
public final class RedisCheckpoints implements CheckpointStore {

    private static final String ADVANCE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "redis.call('SET', KEYS[1], ARGV[2]) return 1 else return 0 end";

    private RedisConnection connection;
    private String namespace;

    public void setConnection(RedisConnection connection) {
        this.connection = connection;
    }

    /** The pipeline's {@code app/pipeline}. */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    private String key(String name) {
        return "unikernal:checkpoint:" + namespace + ":" + name;
    }

    @Override
    public Optional<String> position(String name) {
        CheckpointStore.checkSizes(name, null);
        return Optional.ofNullable(connection.client().get(key(name)));
    }

    @Override
    public void save(String name, String position) {
        CheckpointStore.checkSizes(name, position);
        connection.client().set(key(name), position);
    }

    @Override
    public boolean advance(String name, String expected, String next) {
        CheckpointStore.checkSizes(name, next);
        if (expected == null) {
            return "OK".equals(connection.client().set(key(name), next, SetParams.setParams().nx()));
        }
        Object moved = connection.client().eval(ADVANCE, List.of(key(name)), List.of(expected, next));
        return Long.valueOf(1).equals(moved);
    }

    @Override
    public void remove(String name) {
        CheckpointStore.checkSizes(name, null);
        connection.client().del(key(name));
    }
}
