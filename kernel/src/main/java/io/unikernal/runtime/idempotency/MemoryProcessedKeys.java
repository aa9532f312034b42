package io.unikernal.runtime.idempotency;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Processed keys in memory, for {@code unikernal test} (no store system is started there): each key maps to the end
 * of its in-flight lease, or to {@link #DONE}.
 */
public final class MemoryProcessedKeys extends ProcessedKeysRepository {

    private static final Instant DONE = Instant.MAX;

    private final Map<String, Instant> keys = new ConcurrentHashMap<>();

    @Override
    public boolean add(String key) {
        Instant now = Instant.now();
        boolean[] added = {false};
        keys.compute(key, (k, until) -> {
            if (until == null || until.isBefore(now)) {
                added[0] = true;
                return now.plus(inFlightLease());
            }
            return until;
        });
        return added[0];
    }

    @Override
    public boolean isDone(String key) {
        return DONE.equals(keys.get(key));
    }

    @Override
    public boolean contains(String key) {
        return keys.containsKey(key);
    }

    @Override
    public boolean remove(String key) {
        return keys.remove(key) != null;
    }

    @Override
    public boolean confirm(String key) {
        keys.put(key, DONE);
        return true;
    }

    @Override
    public void clear() {
        keys.clear();
    }
}
