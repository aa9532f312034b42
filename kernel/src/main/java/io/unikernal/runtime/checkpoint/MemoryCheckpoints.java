package io.unikernal.runtime.checkpoint;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Checkpoints in memory, for {@code unikernal test} and tests: gone when the app stops. */
public final class MemoryCheckpoints implements CheckpointStore {

    private final ConcurrentMap<String, String> positions = new ConcurrentHashMap<>();

    @Override
    public Optional<String> position(String name) {
        CheckpointStore.checkSizes(name, null);
        return Optional.ofNullable(positions.get(name));
    }

    @Override
    public void save(String name, String position) {
        CheckpointStore.checkSizes(name, position);
        positions.put(name, position);
    }

    @Override
    public boolean advance(String name, String expected, String next) {
        CheckpointStore.checkSizes(name, next);
        return expected == null ? positions.putIfAbsent(name, next) == null : positions.replace(name, expected, next);
    }

    @Override
    public void remove(String name) {
        CheckpointStore.checkSizes(name, null);
        positions.remove(name);
    }
}
