package io.unikernal.adapter.redis;

import io.unikernal.runtime.idempotency.ProcessedKeysRepository;
import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.KeyStorePeer;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.server.PrivateRedis;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The adapter contract suite for redis: keys on the machine's Redis (each case in namespaces of its own, cleared
 * afterwards), and on a private Redis for the restart case.
 */
class RedisContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "redis";
            }

            @Override
            public KeyStorePeer keyStore(Path workDir) {
                return new Keys(6379, null);
            }

            /** A user the machine's Redis does not know, with a password given as a secret. */
            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                String secret = "UK_CONTRACT_REDIS_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                System.setProperty("unikernal.secret." + secret, "wrong-" + UUID.randomUUID());
                return MisconfiguredPeer.of("{adapter: redis, user: uk-nobody, password: \"${secret:" + secret
                        + "}\"}", null, "WRONGPASS", () -> System.clearProperty("unikernal.secret." + secret));
            }

            @Override
            public KeyStorePeer privateKeyStore(Path workDir) {
                PrivateRedis redis = PrivateRedis.launch();
                return new Keys(redis.port(), redis);
            }
        };
    }

    /** Repositories over one pooled connection, as the adapter's beans build them. */
    private static final class Keys implements KeyStorePeer {
        private final int port;
        private final PrivateRedis owned;
        private final RedisConnection connection = new RedisConnection();

        Keys(int port, PrivateRedis owned) {
            this.port = port;
            this.owned = owned;
            connection.setPort(port);
            connection.start();
        }

        @Override
        public String system() {
            return "{adapter: redis, port: " + port + "}";
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.ofNullable(owned);
        }

        @Override
        public ProcessedKeysRepository repository(String namespace) {
            RedisIdempotentRepository repository = new RedisIdempotentRepository();
            repository.setConnection(connection);
            repository.setNamespace(namespace);
            repository.start();
            return repository;
        }

        @Override
        public void close() {
            connection.close();
            if (owned != null) {
                owned.close();
            }
        }
    }
}
