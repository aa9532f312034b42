package io.unikernal.adapter.redis;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.PrivateRedis;
import io.unikernal.testkit.server.RestartableServer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the contract peers of the three adapters share: a pooled connection to the machine's Redis (127.0.0.1:6379)
 * or to a private one the peer owns and closes, a name unique to the case, and the connection options of a system
 * declaration.
 */
abstract class RedisPeers implements AutoCloseable {

    static final int MACHINE_PORT = 6379;

    final String name = "uk-contract-" + UUID.randomUUID().toString().substring(0, 8);
    final int port;
    final RedisConnection connection = new RedisConnection();
    private final PrivateRedis owned;

    RedisPeers(PrivateRedis owned) {
        this.owned = owned;
        this.port = owned == null ? MACHINE_PORT : owned.port();
        connection.setPort(port);
        connection.start();
    }

    /** Tries of a peer's command: a server restart leaves each pooled connection stale once. */
    private static final int TRIES = 10;

    /**
     * Runs a command the way a careful client does after a server restart: a connection the restart left stale fails
     * once (it is then dropped from the pool), so the command is tried again on another, a bounded number of times.
     */
    <T> T call(java.util.function.Function<redis.clients.jedis.UnifiedJedis, T> command) {
        redis.clients.jedis.exceptions.JedisConnectionException last = null;
        for (int i = 0; i < TRIES; i++) {
            try {
                return command.apply(connection.client());
            } catch (redis.clients.jedis.exceptions.JedisConnectionException stale) {
                last = stale;
            }
        }
        throw last;
    }

    /** {@code port: N} of the system declaration. */
    String portOption() {
        return "port: " + port;
    }

    public Optional<RestartableServer> server() {
        return Optional.ofNullable(owned);
    }

    /** Removes what the case left on the server, before the connection closes. */
    abstract void cleanUp();

    @Override
    public void close() {
        try {
            cleanUp();
        } finally {
            connection.close();
            if (owned != null) {
                owned.close();
            }
        }
    }

    /**
     * A system of {@code adapter} (with {@code options}, e.g. its stream) whose user the machine's Redis does not know,
     * with a password given as a secret: the start must fail with WRONGPASS.
     */
    static io.unikernal.testkit.contract.MisconfiguredPeer misconfigured(String adapter, String options, String use) {
        String secret = "UK_CONTRACT_REDIS_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        System.setProperty("unikernal.secret." + secret, "wrong-" + UUID.randomUUID());
        return io.unikernal.testkit.contract.MisconfiguredPeer.of("{adapter: " + adapter + options
                + ", user: uk-nobody, password: \"${secret:" + secret + "}\"}", use, "WRONGPASS",
                () -> System.clearProperty("unikernal.secret." + secret));
    }

    static Object json(String text) {
        return StrictJson.read(text, Object.class);
    }

    /** A map body, or the text when it is not JSON. */
    static Object body(String text) {
        try {
            return json(text);
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        return (Map<String, Object>) json(text);
    }
}
