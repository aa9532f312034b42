package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;

/**
 * What the Redis repository does beyond the semantics every store shares (those are the contract's:
 * {@link RedisContractTest}): its keys, their times to live, clearing across SCAN pages — against the machine's Redis
 * (127.0.0.1:6379, no password). Each test uses its own namespace and deletes its keys afterwards, since the server is
 * shared and outlives the run.
 */
class RedisIdempotentRepositoryTest {

    private final String namespace = "test-" + UUID.randomUUID() + "/route";
    private RedisConnection connection;
    private UnifiedJedis redis;

    @BeforeEach
    void connect() {
        connection = new RedisConnection();
        connection.start();
        redis = RedisClient.create("127.0.0.1", 6379);
    }

    @AfterEach
    void cleanUp() {
        for (String key : keys(RedisIdempotentRepository.KEY_PREFIX + namespace)) {
            redis.del(key);
        }
        connection.close();
        connection.close(); // a second close does nothing
        redis.close();
    }

    private RedisIdempotentRepository repository(String keepFor) {
        RedisIdempotentRepository repository = new RedisIdempotentRepository();
        repository.setConnection(connection);
        repository.setNamespace(namespace);
        repository.setKeepFor(keepFor);
        repository.start();
        return repository;
    }

    private List<String> keys(String prefix) {
        List<String> found = new ArrayList<>();
        ScanParams match = new ScanParams().match(RedisIdempotentRepository.globEscape(prefix) + "*").count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = redis.scan(cursor, match);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return found;
    }

    /** The key as Redis holds it: kept for ever without keepFor, gone once removed. */
    @Test
    void aDoneKeyIsARedisKeyKeptForEverUntilRemoved() {
        RedisIdempotentRepository repository = repository(null);
        assertThat(repository.add("order-1")).isTrue();
        assertThat(repository.confirm("order-1")).isTrue();

        assertThat(redis.exists(RedisIdempotentRepository.KEY_PREFIX + namespace + ":order-1")).isTrue();
        assertThat(redis.ttl(RedisIdempotentRepository.KEY_PREFIX + namespace + ":order-1"))
                .as("no keepFor: kept for ever").isEqualTo(-1L);

        assertThat(repository.remove("order-1")).isTrue();
        assertThat(redis.exists(RedisIdempotentRepository.KEY_PREFIX + namespace + ":order-1")).isFalse();
    }

    @Test
    void keysExpireAfterKeepFor() {
        RedisIdempotentRepository repository = repository("7d");
        assertThat(repository.add("order-2")).isTrue();
        assertThat(repository.confirm("order-2")).isTrue();
        long ttl = redis.ttl(RedisIdempotentRepository.KEY_PREFIX + namespace + ":order-2");
        assertThat(ttl).isGreaterThan(24 * 3600L).isLessThanOrEqualTo(7 * 24 * 3600L);
    }

    /** The in-flight mark expires with its lease (a crashed original is recovered); a done key does not expire. */
    @Test
    void anInFlightKeyExpiresWithItsLeaseADoneOneDoesNot() {
        RedisIdempotentRepository repository = repository(null);
        String key = RedisIdempotentRepository.KEY_PREFIX + namespace + ":order-3";
        assertThat(repository.add("order-3")).isTrue();
        assertThat(redis.ttl(key)).isPositive().isLessThanOrEqualTo(repository.inFlightLease().toSeconds());
        assertThat(repository.confirm("order-3")).isTrue();
        assertThat(redis.ttl(key)).as("no keepFor: a done key is kept for ever").isEqualTo(-1L);
    }

    @Test
    void clearForgetsOnlyItsOwnNamespace() {
        RedisIdempotentRepository repository = repository(null);
        String otherKey = RedisIdempotentRepository.KEY_PREFIX + namespace + "-other:k";
        // a namespace that differs only after the prefix, and glob characters in keys
        redis.set(otherKey, "x");
        try {
            for (int i = 0; i < 1200; i++) {
                repository.add("k*" + i);
            }
            assertThat(keys(repository.keyPrefix())).hasSize(1200);
            repository.clear();
            assertThat(keys(repository.keyPrefix())).isEmpty();
            assertThat(redis.exists(otherKey)).isTrue();
        } finally {
            redis.del(otherKey);
        }
    }

    @Test
    void keepForMustBeAPositiveDuration() {
        RedisIdempotentRepository repository = new RedisIdempotentRepository();
        assertThatThrownBy(() -> repository.setKeepFor("0s")).hasMessageContaining("keepFor '0s'");
        assertThatThrownBy(() -> repository.setKeepFor("a week")).hasMessageContaining("keepFor 'a week'");
        repository.setKeepFor("12h");
        assertThat(repository.getKeepFor()).hasHours(12);
    }
}
