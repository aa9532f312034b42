package io.unikernal.etl.transform;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code size} answers of a lookup or a call, by key, each kept at most {@code ttl} (null: no limit). */
final class BoundedCache<K, V> {

    private record Entry<V>(V value, long bornNanos) {
    }

    private final int size;
    private final long ttlNanos;
    private final LinkedHashMap<K, Entry<V>> entries;

    BoundedCache(int size, Duration ttl) {
        this.size = size;
        this.ttlNanos = ttl == null ? Long.MAX_VALUE : ttl.toNanos();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > BoundedCache.this.size;
            }
        };
    }

    /** The answer kept for {@code key}, or null (also when it is older than the ttl). */
    V get(K key) {
        if (size == 0) {
            return null;
        }
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.bornNanos() > ttlNanos) {
            entries.remove(key);
            return null;
        }
        return entry.value();
    }

    void put(K key, V value) {
        if (size > 0) {
            entries.put(key, new Entry<>(value, System.nanoTime()));
        }
    }

    int entries() {
        return entries.size();
    }
}
